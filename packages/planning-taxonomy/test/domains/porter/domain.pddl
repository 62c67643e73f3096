; porter: a typed gripper-style domain written for @reasonkit/planning-taxonomy tests.
; Exercises a 2-level type hierarchy, :constants, negative preconditions, equality,
; equality, static predicates and an action that deletes and adds the same atom (sweep).
(define (domain porter)
  (:requirements :strips :typing :negative-preconditions :equality)
  (:types room item - object
          ball box - item
          gripper)
  (:constants left right - gripper)
  (:predicates (at-robby ?r - room)
               (at ?i - item ?r - room)
               (free ?g - gripper)
               (carry ?i - item ?g - gripper)
               (connected ?a ?b - room)
               (heavy ?i - item)
               (visited ?r - room))
  (:action move
    :parameters (?from ?to - room)
    :precondition (and (at-robby ?from) (connected ?from ?to) (not (= ?from ?to)))
    :effect (and (at-robby ?to) (not (at-robby ?from)) (visited ?to)))
  (:action pick
    :parameters (?i - item ?r - room ?g - gripper)
    :precondition (and (at ?i ?r) (at-robby ?r) (free ?g) (not (heavy ?i)))
    :effect (and (carry ?i ?g) (not (at ?i ?r)) (not (free ?g))))
  (:action pick-heavy
    :parameters (?i - item ?r - room)
    :precondition (and (at ?i ?r) (at-robby ?r) (free left) (free right) (heavy ?i))
    :effect (and (carry ?i left) (carry ?i right) (not (at ?i ?r)) (not (free left)) (not (free right))))
  (:action drop
    :parameters (?i - item ?r - room ?g - gripper)
    :precondition (and (carry ?i ?g) (at-robby ?r) (not (heavy ?i)))
    :effect (and (at ?i ?r) (free ?g) (not (carry ?i ?g))))
  (:action drop-heavy
    :parameters (?i - item ?r - room)
    :precondition (and (carry ?i left) (carry ?i right) (at-robby ?r) (heavy ?i))
    :effect (and (at ?i ?r) (free left) (free right) (not (carry ?i left)) (not (carry ?i right))))
  (:action look
    :parameters (?r ?s - room)
    :precondition (and (at-robby ?r) (= ?r ?s))
    :effect (visited ?s))
  (:action sweep
    :parameters (?r - room)
    :precondition (at-robby ?r)
    :effect (and (not (visited ?r)) (visited ?r))))
