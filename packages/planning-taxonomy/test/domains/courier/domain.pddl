; courier: a typed logistics-style domain written for @reasonkit/planning-taxonomy tests.
; 3-level type hierarchy (truck < vehicle < locatable < object), static in-city, and
; drive with ?from = ?to deletes and adds the same atom.
(define (domain courier)
  (:requirements :strips :typing)
  (:types locatable location city - object
          package vehicle - locatable
          truck plane - vehicle
          airport - location)
  (:predicates (at ?x - locatable ?l - location)
               (in ?p - package ?v - vehicle)
               (in-city ?l - location ?c - city))
  (:action load
    :parameters (?p - package ?v - vehicle ?l - location)
    :precondition (and (at ?p ?l) (at ?v ?l))
    :effect (and (in ?p ?v) (not (at ?p ?l))))
  (:action unload
    :parameters (?p - package ?v - vehicle ?l - location)
    :precondition (and (in ?p ?v) (at ?v ?l))
    :effect (and (at ?p ?l) (not (in ?p ?v))))
  (:action drive
    :parameters (?t - truck ?from ?to - location ?c - city)
    :precondition (and (at ?t ?from) (in-city ?from ?c) (in-city ?to ?c))
    :effect (and (not (at ?t ?from)) (at ?t ?to)))
  (:action fly
    :parameters (?a - plane ?from ?to - airport)
    :precondition (at ?a ?from)
    :effect (and (not (at ?a ?from)) (at ?a ?to))))
