package tui

import (
	"testing"
	"tovholder/model"
)

func TestChoiceTypeAhead(t *testing.T) {
	c := newTestCommon(t, Danish)
	f := NewForm(c, "t")
	f.Choice("x", "X", []model.Option{labelledOption("a", "Banker"), labelledOption("b", "Beboere"), labelledOption("c", "Boligforeninger"), labelledOption("d", "Politiet")}, "", true)
	step := func(typed, want string) {
		t.Helper()
		for _, m := range typeText(typed) {
			f.Update(m)
		}
		if got := f.Chosen("x"); got != want {
			t.Fatalf("after %q chosen %q, want %q", typed, got, want)
		}
	}
	step("b", "a") // first B
	step("o", "c") // "bo": Boligforeninger
	step("b", "a") // "bob" matches nothing: a new b, the next B after Bolig… round to Banker
	step("b", "b") // b again: the next B
	step("p", "d") // "bp" matches nothing: P
	step("x", "d") // no X: stays, the key is still taken
	if !f.Dirty() {
		t.Error("choosing by typing is a change")
	}
}
