package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tovholder/forms"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"intake.title":           {Da: "Ny henvendelse", En: "New referral"},
	"intake.group.contact":   {Da: "Kontaktoplysninger", En: "Contact details"},
	"intake.group.referral":  {Da: "Henvendelsen", En: "The referral"},
	"intake.group.topic":     {Da: "Kategori 2, emne %s: %s", En: "Category 2, topic %s: %s"},
	"intake.group.decision":  {Da: "Afgørelse", En: "Decision"},
	"intake.name":            {Da: "Navn", En: "Name"},
	"intake.address":         {Da: "Adresse", En: "Address"},
	"intake.phone":           {Da: "Telefon", En: "Phone"},
	"intake.email":           {Da: "E-mail", En: "E-mail"},
	"intake.cpr":             {Da: "CPR-nummer", En: "CPR number"},
	"intake.date":            {Da: "Dato for henvendelse", En: "Referral date"},
	"intake.source":          {Da: "Hvem henviser", En: "Who refers"},
	"intake.referrer":        {Da: "Henviserens navn", En: "Referrer's name"},
	"intake.receivedBy":      {Da: "Modtaget af", En: "Received by"},
	"intake.decision":        {Da: "I målgruppen", En: "In the target group"},
	"intake.decision.follow": {Da: "følg reglens anbefaling", En: "follow the recommendation"},
	"intake.decision.yes":    {Da: "ja", En: "yes"},
	"intake.decision.no":     {Da: "nej", En: "no"},
	"intake.justification":   {Da: "Begrundelse", En: "Justification"},
	"intake.justificationNeeded": {Da: "skal udfyldes, når afgørelsen afviger fra reglens anbefaling",
		En: "is required when the decision differs from the rule's recommendation"},
	"intake.saved":            {Da: "Henvendelsen er oprettet som %s.", En: "The referral was created as %s."},
	"screen.yes":              {Da: "ja", En: "yes"},
	"screen.no":               {Da: "nej", En: "no"},
	"screen.verdict":          {Da: "I målgruppen efter reglen: %s", En: "In the target group by the rule: %s"},
	"screen.counts":           {Da: "kategori 1: %d · kategori 2: %d i %s", En: "category 1: %d · category 2: %d in %s"},
	"screen.topic":            {Da: "emne", En: "topic"},
	"screen.topics":           {Da: "emner", En: "topics"},
	"screen.age":              {Da: "Alder ved henvendelsen: %d år.", En: "Age at referral: %d."},
	"screen.ageUnknown":       {Da: "Alder ved henvendelsen: ukendt.", En: "Age at referral: unknown."},
	"screen.decision.same":    {Da: "Afgørelse: %s, som reglen anbefaler.", En: "Decision: %s, as the rule recommends."},
	"screen.decision.missing": {Da: "Afgørelse: %s, mod reglens anbefaling: skriv en begrundelse.", En: "Decision: %s, against the rule's recommendation: write a justification."},
	"screen.decision.against": {Da: "Afgørelse: %s, mod reglens anbefaling, med begrundelse.", En: "Decision: %s, against the rule's recommendation, justified."},
})

// Intake is the referral and screening form (DOMAIN.md steps 1–2): a Form
// whose live panel evaluates the target-group rule as boxes are ticked.
type Intake struct {
	*Form
	c *Common
}

// The decision choice's values.
const (
	decisionFollow = "follow"
	decisionYes    = "yes"
	decisionNo     = "no"
)

// NewIntake opens an empty referral form.
func NewIntake(c *Common) Screen {
	in := &Intake{c: c}
	lang := c.langCode()
	f := NewForm(c, c.T("intake.title"))
	in.Form = f

	f.Text("name", c.T("intake.name"), "", true, nil).Group = c.T("intake.group.contact")
	f.Text("address", c.T("intake.address"), "", false, nil).Group = c.T("intake.group.contact")
	f.Text("phone", c.T("intake.phone"), "", false, forms.Phone).Group = c.T("intake.group.contact")
	f.Text("email", c.T("intake.email"), "", false, forms.Email).Group = c.T("intake.group.contact")
	f.Text("cpr", c.T("intake.cpr"), "", false, forms.OptionalCPR).Group = c.T("intake.group.contact")

	f.Date("date", c.T("intake.date"), c.T("days.today"), true, forms.Past).Group = c.T("intake.group.referral")
	f.Choice("source", c.T("intake.source"), model.ReferralSources, "", true).Group = c.T("intake.group.referral")
	f.Text("referrer", c.T("intake.referrer"), "", false, nil).Group = c.T("intake.group.referral")
	f.Text("received_by", c.T("intake.receivedBy"), c.User, true, nil).Group = c.T("intake.group.referral")

	for _, cr := range model.Criteria {
		group := model.TopicText[model.CategoryKey(1)].In(lang)
		if cr.Category == 2 {
			group = c.T("intake.group.topic", cr.Topic, model.TopicText[cr.Topic].In(lang))
		}
		label := cr.Text.In(lang)
		if label == "" {
			label = cr.ID
		}
		f.Check("c:"+cr.ID, label, false).Group = group
	}

	f.Choice("decision", c.T("intake.decision"), []model.Option{
		option(decisionFollow, "intake.decision.follow"),
		option(decisionYes, "intake.decision.yes"),
		option(decisionNo, "intake.decision.no"),
	}, decisionFollow, true).Group = c.T("intake.group.decision")
	f.Text("justification", c.T("intake.justification"), "", false, nil).Group = c.T("intake.group.decision")

	f.Live = in.live
	f.OnSave = in.save
	f.OnChange = func(*Form) { in.sync() }
	f.Validate = in.checkJustification
	in.sync()
	return in
}

// Update runs the form and stays the screen on the stack.
func (in *Intake) Update(msg tea.Msg) (Screen, tea.Cmd) {
	_, cmd := in.Form.Update(msg)
	return in, cmd
}

// evaluate applies the screening rule to what is on the form now: the age
// on the referral date from the CPR number (unknown without either), and
// the ticked criteria.
func (in *Intake) evaluate() model.ScreeningResult {
	age := -1
	if cpr, err := model.ParseCPR(in.Value("cpr")); err == nil {
		age = cpr.AgeOn(in.DateValue("date"))
	}
	return model.EvaluateScreening(age, in.CheckedKeys("c:"))
}

// decision is the caseworker's final decision: in the target group or not.
func (in *Intake) decision(r model.ScreeningResult) bool {
	switch in.Chosen("decision") {
	case decisionYes:
		return true
	case decisionNo:
		return false
	}
	return r.Recommended
}

// overrides reports whether the decision goes against the rule.
func (in *Intake) overrides(r model.ScreeningResult) bool { return in.decision(r) != r.Recommended }

// checkJustification runs when saving: a decision against the rule needs
// a written justification, and the referral cannot be dated in the future.
func (in *Intake) checkJustification(f *Form) bool {
	ok := true
	if d := f.DateValue("date"); d != model.NoDate && d > in.c.Today() {
		f.SetError("date", in.c.T("action.err.future")) // a referral is received, not planned
		ok = false
	}
	if in.overrides(in.evaluate()) && f.Value("justification") == "" {
		f.SetError("justification", in.c.T("intake.justificationNeeded"))
		ok = false
	}
	return ok
}

// sync marks the justification required while the decision overrides the rule.
func (in *Intake) sync() {
	jf := in.field("justification")
	jf.Required = in.overrides(in.evaluate())
	if !jf.Required && jf.err == in.c.T("intake.justificationNeeded") {
		jf.err = ""
	}
}

// screeningWords says a rule result as the live panel and the triage
// detail show it: the verdict with the counts, then the age and the reason.
func (c *Common) screeningWords(r model.ScreeningResult) (verdict, reason string) {
	yes := c.T("screen.no")
	if r.Recommended {
		yes = c.T("screen.yes")
	}
	verdict = c.T("screen.verdict", yes) + " · " +
		c.T("screen.counts", r.Cat1, r.Cat2, plural(r.Topics, c.T("screen.topic"), c.T("screen.topics")))
	reason = c.reasonWords(r.Reason)
	if r.Age >= 0 { // an unknown age is the reason itself, and says so
		reason = c.T("screen.age", r.Age) + " " + reason
	}
	return verdict, reason
}

// reasonWords says a screening reason code in the desk's language.
func (c *Common) reasonWords(code model.ReasonCode) string {
	if t, ok := model.ReasonText[code]; ok {
		return t.In(c.langCode())
	}
	return string(code)
}

// yesNo says a decision.
func (c *Common) yesNo(b bool) string {
	if b {
		return c.T("screen.yes")
	}
	return c.T("screen.no")
}

// live is the panel above the fields: the rule's verdict on what is
// ticked now, its reason, and the decision when it is not the rule's.
func (in *Intake) live(f *Form) string {
	st := in.c.Styles
	r := in.evaluate()
	verdict, reason := in.c.screeningWords(r)
	w := max(f.w-2, 20)
	lines := []string{st.Bold.Render(verdict), ansi.Wrap(reason, w, "")}
	if in.Chosen("decision") != decisionFollow {
		d := in.c.yesNo(in.decision(r))
		switch {
		case !in.overrides(r):
			lines = append(lines, st.Subtle.Render(in.c.T("screen.decision.same", d)))
		case in.Value("justification") == "":
			lines = append(lines, st.Error.Render(ansi.Wrap(in.c.T("screen.decision.missing", d), w, "")))
		default:
			lines = append(lines, st.Subtle.Render(ansi.Wrap(in.c.T("screen.decision.against", d), w, "")))
		}
	}
	return strings.Join(lines, "\n")
}

// save stores the referral as a new case with its screening, and closes the form.
func (in *Intake) save(f *Form) (tea.Cmd, error) {
	c := in.c
	if c.Role == Leader {
		return nil, errors.New(c.T("app.readOnly"))
	}
	r := in.evaluate()
	if in.overrides(r) && f.Value("justification") == "" {
		f.SetError("justification", c.T("intake.justificationNeeded"))
		return nil, errors.New(c.T("intake.justification") + " " + c.T("intake.justificationNeeded"))
	}
	date := f.DateValue("date")
	var cpr model.CPR
	if v := f.Value("cpr"); v != "" {
		var err error
		if cpr, err = model.ParseCPR(v); err != nil {
			return nil, err
		}
	}
	phone := f.Value("phone")
	if p, ok := forms.NormalizePhone(phone); ok {
		phone = p
	}
	ticked := map[string]bool{}
	for _, id := range f.CheckedKeys("c:") {
		ticked[id] = true
	}
	s := &model.Screening{Date: date, Recommended: r.Recommended, Reason: string(r.Reason),
		InTargetGroup: in.decision(r), Justification: f.Value("justification")}
	for _, cr := range model.Criteria {
		if !ticked[cr.ID] {
			continue
		}
		if cr.Category == 1 {
			s.Category1 = append(s.Category1, cr.ID)
		} else {
			s.Category2 = append(s.Category2, cr.ID)
		}
	}
	cs := model.Case{
		Citizen:   model.Citizen{Name: f.Value("name"), CPR: cpr, Address: f.Value("address"), Phone: phone, Email: f.Value("email")},
		Screening: s,
		Events: []model.Event{{Type: model.ReferralReceived, Date: date, Source: f.Chosen("source"),
			Referrer: f.Value("referrer"), ReceivedBy: f.Value("received_by"), By: c.User}},
	}
	year, _, _ := c.Today().YMD()
	id, err := c.Store.CreateReferral(cs, year, c.User)
	if err != nil {
		return nil, err
	}
	return tea.Batch(pop, changed(id), status(c.T("intake.saved", id))), nil
}
