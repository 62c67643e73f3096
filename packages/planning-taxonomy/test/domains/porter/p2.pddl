; negative goals: ball2 must leave ra, and rc must never be visited.
(define (problem porter-2)
  (:domain porter)
  (:objects ra rb rc - room ball1 ball2 - ball)
  (:init (at-robby ra) (visited ra) (free left) (free right)
         (connected ra rb) (connected rb ra) (connected rb rc) (connected rc rb)
         (at ball1 rb) (at ball2 ra))
  (:goal (and (at ball1 ra) (not (at ball2 ra)) (not (visited rc)))))
