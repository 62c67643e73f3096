; unsolvable: no vehicle can reach city c2 (no plane, no truck there).
(define (problem courier-3)
  (:domain courier)
  (:objects c1 c2 - city l1 l2 - location t1 - truck p1 - package)
  (:init (in-city l1 c1) (in-city l2 c2) (at t1 l1) (at p1 l1))
  (:goal (at p1 l2)))
