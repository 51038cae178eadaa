package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"tovholder/db"
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
	"intake.birth":            {Da: "Fødselsdato (uden CPR)", En: "Birth date (no CPR)"},
	"intake.again":            {Da: "Ny henvendelse på borgeren fra %s", En: "New referral of the citizen of %s"},
	"intake.linked":           {Da: "Sagen knyttes til den tidligere sag %s.", En: "The case is linked to the earlier case %s."},
	"intake.known":            {Da: "Borgeren har allerede sager: %s", En: "The citizen has cases already: %s"},
	"intake.knownByName":      {Da: "samme navn og fødselsdato", En: "same name and birth date"},
	"intake.openCase":         {Da: "Borgeren har en åben sag (%s). Opret en ny alligevel?", En: "The citizen has an open case (%s). Create a new one anyway?"},
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
// whose live panel evaluates the target-group rule as boxes are ticked,
// and shows the citizen's cases when the CPR number, or the name and birth
// date, are those of a case the desk has.
type Intake struct {
	*Form
	c        *Common
	previous string    // the earlier case of a citizen referred again
	knownCPR model.CPR // its CPR number, shown masked in the field
}

// newIntakeAgain opens the form for a new referral of the citizen of an
// earlier case, with the contact details filled in and the cases linked.
func newIntakeAgain(c *Common, earlier *model.Case) Screen {
	in := NewIntake(c).(*Intake)
	in.previous = earlier.ID
	in.title = c.T("intake.again", earlier.ID)
	z := earlier.Citizen
	in.SetValue("name", z.Name)
	in.SetValue("address", z.Address)
	in.SetValue("phone", z.Phone)
	in.SetValue("email", z.Email)
	// The number is the earlier case's: shown masked, as everywhere at the
	// desk, and kept unless the user types another.
	in.knownCPR = z.CPR
	in.SetValue("cpr", z.CPR.Masked())
	if z.CPR == "" && z.BirthDate != model.NoDate {
		in.SetValue("birth", z.BirthDate.String())
	}
	in.sync()
	return in
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
	f.Text("cpr", c.T("intake.cpr"), "", false, in.checkCPR).Group = c.T("intake.group.contact")
	f.Date("birth", c.T("intake.birth"), "", false, forms.Past).Group = c.T("intake.group.contact")

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
	age := model.AgeOn(in.citizen().Birth(), in.DateValue("date"))
	return model.EvaluateScreening(age, in.CheckedKeys("c:"))
}

// citizen is the citizen as typed so far: name, CPR number if it reads,
// and the birth date given for one without.
func (in *Intake) citizen() model.Citizen {
	z := model.Citizen{Name: in.Value("name"), BirthDate: in.DateValue("birth")}
	z.CPR, _ = in.cpr()
	return z
}

// cpr is the CPR number in the field: the earlier case's when the field
// still shows it masked.
func (in *Intake) cpr() (model.CPR, error) {
	v := in.Value("cpr")
	if in.knownCPR != "" && v == in.knownCPR.Masked() {
		return in.knownCPR, nil
	}
	if v == "" {
		return "", nil
	}
	return model.ParseCPR(v)
}

// checkCPR validates the field, which may show the earlier case's number masked.
func (in *Intake) checkCPR(v string) error {
	if in.knownCPR != "" && strings.TrimSpace(v) == in.knownCPR.Masked() {
		return nil
	}
	return forms.OptionalCPR(v)
}

// known are the cases the desk has of the citizen typed so far: by CPR
// number, or by the same name and birth date.
func (in *Intake) known() []db.Match {
	z := in.citizen()
	if z.CPR == "" && z.BirthDate == model.NoDate {
		return nil
	}
	ms, _ := in.c.Store.SameCitizen(z.CPR, z.Name, z.Birth(), "")
	return ms
}

// link is the earlier case the new one is linked to: the one it was
// opened from while the citizen typed is still its citizen, else the
// latest closed or rejected case with the same CPR number (a name and
// birth date may belong to two people).
func (in *Intake) link(known []db.Match) string {
	for _, m := range known {
		if m.CaseID == in.previous && in.previous != "" {
			return in.previous
		}
	}
	link := ""
	for _, m := range known {
		if m.ByCPR && (m.Phase == model.PhaseClosed || m.Phase == model.PhaseRejected) && m.CaseID > link {
			link = m.CaseID
		}
	}
	return link
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
		f.SetError("date", in.c.problemWords(model.Problem{Code: model.ProblemFuture})) // a referral is received, not planned
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
	if known := in.known(); len(known) > 0 {
		var ids []string
		for _, m := range known {
			s := m.CaseID + " " + model.CleanLine(m.Name) + " (" + in.c.T("phase."+string(m.Phase))
			if !m.ByCPR {
				s += ", " + in.c.T("intake.knownByName")
			}
			ids = append(ids, s+")")
		}
		lines = append(lines, st.Error.Render(ansi.Wrap(in.c.T("intake.known", strings.Join(ids, "; ")), w, "")))
		if l := in.link(known); l != "" {
			lines = append(lines, st.Subtle.Render(in.c.T("intake.linked", l)))
		}
	}
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
	if p := c.Role.MayRecord(model.ReferralReceived); p != nil {
		return nil, errors.New(c.problemWords(*p))
	}
	known := in.known()
	if !f.Confirmed {
		// A second open case of one citizen is most often a mistake: ask.
		for _, m := range known {
			if m.Phase != model.PhaseClosed && m.Phase != model.PhaseRejected {
				return nil, &Confirm{Warnings: []string{c.T("intake.openCase", m.CaseID)}}
			}
		}
	}
	r := in.evaluate() // the form's Validate has checked the justification
	date := f.DateValue("date")
	cpr, err := in.cpr()
	if err != nil {
		return nil, err
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
	var birth model.Date
	if cpr == "" {
		birth = f.DateValue("birth") // the CPR number says it when there is one
	}
	cs := model.Case{
		Previous:  in.link(known),
		Citizen:   model.Citizen{Name: f.Value("name"), CPR: cpr, BirthDate: birth, Address: f.Value("address"), Phone: phone, Email: f.Value("email")},
		Screening: s,
		Events: []model.Event{{Type: model.ReferralReceived, Date: date, Source: f.Chosen("source"),
			Referrer: f.Value("referrer"), ReceivedBy: f.Value("received_by"), By: c.User}},
	}
	year, _, _ := c.Today().YMD()
	id, err := c.Store.CreateReferral(c.Actor(), cs, year)
	if err != nil {
		return nil, c.storeError(err)
	}
	return tea.Batch(pop, created(id), status(c.T("intake.saved", id))), nil
}
