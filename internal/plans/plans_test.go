package plans

import (
	"reflect"
	"sync"
	"testing"
)

type node struct {
	Next *node
	N    int
}

type plan struct {
	kind reflect.Kind
	elem *plan // for pointers: the plan of what they point at
}

// A type that holds itself gets its own plan, and every plan handed out
// is complete, however many goroutines ask at once.
func TestCache(t *testing.T) {
	builds := 0
	c := New(func(t reflect.Type, p *plan, sub func(reflect.Type) *plan) {
		builds++
		p.kind = t.Kind()
		switch t.Kind() {
		case reflect.Pointer:
			p.elem = sub(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				sub(t.Field(i).Type)
			}
		}
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			p := c.Of(reflect.TypeFor[*node]())
			if p.kind != reflect.Pointer || p.elem == nil || p.elem.kind != reflect.Struct {
				t.Errorf("incomplete plan %+v", p)
			}
		})
	}
	wg.Wait()
	if builds != 3 { // *node, node, int: each once
		t.Errorf("%d plans built, want 3", builds)
	}
	if c.Of(reflect.TypeFor[node]()) != c.Of(reflect.TypeFor[*node]()).elem {
		t.Error("a type's plan is made once and shared")
	}
}
