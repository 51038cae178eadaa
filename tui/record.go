package tui

import (
	"errors"
	"sort"

	"tovholder/db"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"workers.to":   {Da: "Sagsbehandler", En: "Caseworker"},
	"workers.new":  {Da: "… eller en ny (navn)", En: "… or someone new (name)"},
	"workers.none": {Da: "vælg en sagsbehandler, eller skriv en ny", En: "choose a caseworker, or type someone new"},
	"workers.hint": {Da: "Listen er dem, der har sager eller har brugt skrivebordet (--user), og dig. Mangler en kollega, så skriv navnet i feltet »eller en ny«; navnet bruges, som det er skrevet, og kommer på listen.",
		En: "The list is those who hold cases or have used the desk (--user), and you. If a colleague is missing, type the name in \"or someone new\"; it is used as typed and joins the list."},
})

// problemError carries a model.Problem out of a store transaction, so
// that the form can mark the field it is about.
type problemError struct {
	p     model.Problem
	words string
}

func (e *problemError) Error() string { return e.words }

// record writes an event typed into form f on case id: if the role may
// record it, the model's rules allow it on the case as it stands in the
// store (checked inside the write), and the user has confirmed any
// warning. A refusal about one field marks that field.
func (c *Common) record(f *Form, id string, seen uint64, e model.Event) error {
	return c.recordIf(f, id, seen, e, nil)
}

// recordIf is record with a condition of the caller's own, checked first
// inside the write: triage accepts only a case that still awaits triage.
func (c *Common) recordIf(f *Form, id string, seen uint64, e model.Event, pre func(*model.Case) *model.Problem) error {
	_, err := c.Store.Record(c.Actor(), id, seen, e, func(cs *model.Case) error {
		if pre != nil {
			if p := pre(cs); p != nil {
				return &problemError{*p, c.problemWords(*p)}
			}
		}
		refusal, warnings := model.CheckEvent(cs, e, c.Today(), c.Store.Calendar())
		if refusal != nil {
			return &problemError{*refusal, c.problemWords(*refusal)}
		}
		if len(warnings) > 0 && !f.Confirmed {
			return c.confirmation(warnings)
		}
		return nil
	})
	return c.markField(f, err)
}

// confirmation asks the user about warnings before a save.
func (c *Common) confirmation(warnings []model.Problem) *Confirm {
	var words []string
	for _, w := range warnings {
		words = append(words, c.problemWords(w))
	}
	return &Confirm{Warnings: words}
}

// markField puts a refusal about one field of f on that field, and says
// every other refusal of the store in the user's words.
func (c *Common) markField(f *Form, err error) error {
	var pe *problemError
	if errors.As(err, &pe) && pe.p.Field != "" && f.has(pe.p.Field) {
		f.SetError(pe.p.Field, pe.words)
		return errors.New(c.T("form.fix"))
	}
	return c.storeError(err)
}

// storeError says a refusal or a conflict from the store in the user's
// language; other errors as they are.
func (c *Common) storeError(err error) error {
	var re *db.RefusedError
	if errors.As(err, &re) {
		return errors.New(c.problemWords(re.Problem))
	}
	return err
}

// has reports whether the form has a field of that key.
func (f *Form) has(key string) bool {
	for _, fl := range f.fields {
		if fl.Key == key {
			return true
		}
	}
	return false
}

// knownWorkers are the people the desk can assign: everyone who holds a
// case or is in the audit log, and the user.
func (c *Common) knownWorkers() []string {
	names, _ := c.Store.People()
	seen := map[string]bool{}
	var out []string
	for _, n := range append(names, c.User) {
		if n = model.CleanLine(n); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// workerFields adds the choice of caseworker to a form (all known but
// except), with a field to type someone new.
func workerFields(c *Common, f *Form, except string) {
	var opts []model.Option
	for _, n := range c.knownWorkers() {
		if n != except {
			opts = append(opts, plainOption(n))
		}
	}
	f.Choice("to", c.T("workers.to"), opts, "", false)
	f.Text("to_new", c.T("workers.new"), "", false, nil)
	f.Validate = func(f *Form) bool {
		if chosenWorker(f) == "" {
			f.SetError("to", c.T("workers.none"))
			return false
		}
		return true
	}
}

// chosenWorker is the caseworker a form names: someone new typed in, else
// the one chosen.
func chosenWorker(f *Form) string {
	if n := f.Value("to_new"); n != "" {
		return n
	}
	return f.Chosen("to")
}

// workersHint says where the list comes from and how to add someone.
func workersHint(c *Common, w int) string {
	return wrap(c.Styles.Subtle.Render(c.T("workers.hint")), max(w-2, 20))
}
