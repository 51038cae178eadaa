package tui

import (
	"strings"
	"testing"

	"tovholder/model"
)

func TestChoiceTypeAhead(t *testing.T) {
	c := newTestCommon(t, Danish)
	f := NewForm(c, "t")
	f.Choice("x", "X", []model.Option{labelledOption("a", "Banker"), labelledOption("b", "Beboere"),
		labelledOption("c", "Boligforeninger"), labelledOption("d", "Politiet"), labelledOption("e", "Social døgnvagt")}, "", true)
	step := func(typed, want string) {
		t.Helper()
		for _, m := range typeText(typed) {
			f.Update(m)
		}
		if got := f.Chosen("x"); got != want {
			t.Fatalf("after %q chosen %q, want %q", typed, got, want)
		}
	}
	step("b", "a") // the first with a word starting with b
	step("o", "c") // "bo": Boligforeninger
	step("b", "c") // "bob" matches nothing: the choice stays, and the field says so
	if v := f.View(); !strings.Contains(v, "intet valg har et ord, der begynder med »bob«") {
		t.Errorf("no word for what was typed should be said:\n%s", v)
	}
	f.Update(keys("backspace")[0])
	f.Update(keys("backspace")[0])
	f.Update(keys("backspace")[0])
	step("d", "e") // the start of a word inside the label: Social døgnvagt
	f.Update(keys("backspace")[0])
	step("b", "a") // round the list from Social døgnvagt to the first b
	step("b", "b") // b again: on to the next option with a b word
	step("b", "c")
	if !f.Dirty() {
		t.Error("choosing by typing is a change")
	}

	// Typing "Ole" never picks "tove": a letter inside a word is no match.
	g := NewForm(c, "t")
	g.Choice("to", "To", []model.Option{plainOption("anne"), plainOption("bo"), plainOption("tove")}, "", true)
	for _, m := range typeText("Ole") {
		g.Update(m)
	}
	if got := g.Chosen("to"); got != "" {
		t.Errorf("typing Ole chose %q", got)
	}
}
