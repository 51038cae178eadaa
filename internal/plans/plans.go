// Package plans keeps one plan per Go type, made on first use: the
// interchange decoder (package model) and the stored-case encoder (package
// db) each walk a type by reflection once, and reuse what they made.
package plans

import (
	"reflect"
	"sync"
)

// Cache holds the plans of one kind. A plan is published only when it is
// complete, with every plan it needs: a goroutine that found one half-made
// would call nil.
type Cache[P any] struct {
	plans sync.Map // reflect.Type → *P
	mu    sync.Mutex
	// build fills p, the plan of t; sub gives the plan of a type t holds,
	// made now if need be, or the one being made when t holds itself.
	build func(t reflect.Type, p *P, sub func(reflect.Type) *P)
}

// New makes an empty cache whose plans build makes.
func New[P any](build func(t reflect.Type, p *P, sub func(reflect.Type) *P)) *Cache[P] {
	return &Cache[P]{build: build}
}

// Of is t's plan.
func (c *Cache[P]) Of(t reflect.Type) *P {
	if p, ok := c.plans.Load(t); ok {
		return p.(*P)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	making := map[reflect.Type]*P{}
	var sub func(reflect.Type) *P
	sub = func(t reflect.Type) *P {
		if p, ok := c.plans.Load(t); ok {
			return p.(*P)
		}
		if p, ok := making[t]; ok {
			return p
		}
		p := new(P)
		making[t] = p
		c.build(t, p, sub)
		return p
	}
	p := sub(t)
	for t, p := range making {
		c.plans.Store(t, p)
	}
	return p
}
