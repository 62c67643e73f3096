; unsolvable: rd is not connected to anything.
(define (problem porter-3)
  (:domain porter)
  (:objects ra rb rd - room ball1 - ball)
  (:init (at-robby ra) (free left) (free right)
         (connected ra rb) (connected rb ra)
         (at ball1 ra))
  (:goal (at ball1 rd)))
