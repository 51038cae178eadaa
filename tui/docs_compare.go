package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"compare.title":   {Da: "Sammenlign samarbejdsaftalen · %s", En: "Compare the agreement · %s"},
	"compare.head":    {Da: "Version gemt %s → den gældende, gemt %s", En: "Version saved %s → the one in force, saved %s"},
	"compare.same":    {Da: "Ingen forskelle: det er den gældende version, eller den har de samme værdier.", En: "No differences: it is the version in force, or it holds the same values."},
	"compare.goal":    {Da: "Mål »%s«", En: "Goal \"%s\""},
	"compare.added":   {Da: "tilføjet", En: "added"},
	"compare.removed": {Da: "fjernet", En: "removed"},
	"compare.key":     {Da: "sammenlign med den gældende", En: "compare with the one in force"},
})

// change is one difference between two versions: where, and the values.
type change struct {
	label, was, now string
	note            string // a goal added or removed: said instead of the values
}

// agreementChanges lists, field by field of forms.AgreementDoc and goal by
// goal (matched by title), what differs from was to now, in lang.
func agreementChanges(was, now *model.Agreement, lang string) []change {
	d := docDef("agreement")
	var out []change
	diff := func(label string, fd forms.Field, a, b any) {
		if x, y := fd.Show(a, lang), fd.Show(b, lang); x != y {
			out = append(out, change{label: label, was: x, now: y})
		}
	}
	for _, s := range d.Sections {
		for _, fd := range s.Fields {
			if fd.Kind != forms.KindComputed {
				diff(fd.Label.In(lang), fd, was, now)
			}
		}
		ft := s.Table
		if ft == nil {
			continue
		}
		title, _ := ft.Column("title")
		find := func(doc any, t string) (any, bool) {
			for i := range ft.Len(doc) {
				if r := ft.Row(doc, i); title.Get(r) == t {
					return r, true
				}
			}
			return nil, false
		}
		goal := func(r any) string { return fmt.Sprintf(tr(lang, "compare.goal"), title.Get(r)) }
		for i := range ft.Len(was) {
			r := ft.Row(was, i)
			if n, ok := find(now, title.Get(r)); ok {
				for _, col := range ft.Columns {
					diff(goal(r)+" · "+col.Label.In(lang), col, r, n)
				}
			} else {
				out = append(out, change{label: goal(r), note: tr(lang, "compare.removed")})
			}
		}
		for i := range ft.Len(now) {
			if r := ft.Row(now, i); !hasRow(find, was, title.Get(r)) {
				out = append(out, change{label: goal(r), note: tr(lang, "compare.added")})
			}
		}
	}
	return out
}

func hasRow(find func(any, string) (any, bool), doc any, t string) bool {
	_, ok := find(doc, t)
	return ok
}

// tr is a catalog text in lang, without arguments.
func tr(lang, key string) string { return texts[key].In(lang) }

// compareScreen shows what changed from version was to the one in force.
func (v *CaseView) compareScreen(was model.Agreement) tea.Cmd {
	c := v.c
	now, ok := v.cs.Agreement()
	if !ok {
		return status(c.T("docs.noVersions"))
	}
	lang := c.langCode()
	changes := agreementChanges(&was, &now, lang)
	lines := func(w int) []string {
		st := c.Styles
		out := []string{v.citizenLine(), "", truncate(c.T("compare.head", was.Saved, now.Saved), max(w-2, 20)), ""}
		if len(changes) == 0 {
			return append(out, st.Subtle.Render(wrap(c.T("compare.same"), max(w-2, 20))))
		}
		empty := c.T("docs.read.none")
		for _, ch := range changes {
			x, y := oneLine(ch.was), oneLine(ch.now)
			if x == "" {
				x = empty
			}
			if y == "" {
				y = empty
			}
			out = append(out, st.Bold.Render(truncate(model.CleanLine(ch.label), max(w-2, 20))))
			if ch.note != "" {
				out = append(out, "  "+ch.note)
				continue
			}
			out = append(out, strings.Split(wrap("  "+x+" → "+y, max(w-2, 20)), "\n")...)
		}
		return out
	}
	return push(newTextScreen(c, c.T("compare.title", v.id), lines))
}

// oneLine is a value of several lines on one line, cleaned for the screen.
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(model.CleanText(s), "\n") {
		if l = strings.TrimSpace(model.CleanLine(l)); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " / ")
}
