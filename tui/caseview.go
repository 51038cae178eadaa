package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"case.title":                   {Da: "Sag %s", En: "Case %s"},
	"case.phase":                   {Da: "Fase", En: "Phase"},
	"case.worker":                  {Da: "Sagsbehandler", En: "Caseworker"},
	"case.noWorker":                {Da: "ingen endnu", En: "none yet"},
	"case.profile":                 {Da: "Profil", En: "Profile"},
	"case.lines":                   {Da: "linje %d–%d af %d", En: "lines %d–%d of %d"},
	"case.deadlines":               {Da: "Frister", En: "Deadlines"},
	"case.noDeadlines":             {Da: "Ingen frister på sagen.", En: "No deadlines on this case."},
	"case.col.what":                {Da: "Hvad", En: "What"},
	"case.col.due":                 {Da: "Frist", En: "Due"},
	"case.col.state":               {Da: "Status", En: "State"},
	"case.history":                 {Da: "Forløb", En: "History"},
	"case.noEvents":                {Da: "Intet registreret endnu.", En: "Nothing recorded yet."},
	"case.col.date":                {Da: "Dato", En: "Date"},
	"case.col.event":               {Da: "Hændelse", En: "Event"},
	"case.col.details":             {Da: "Detaljer", En: "Details"},
	"case.state.left":              {Da: "aktiv, %s tilbage", En: "active, %s left"},
	"case.state.today":             {Da: "aktiv, frist i dag", En: "active, due today"},
	"case.state.overdue":           {Da: "overskredet, %s", En: "overdue, %s"},
	"case.state.opens":             {Da: "åbner %s", En: "opens %s"},
	"case.state.metOn":             {Da: "overholdt %s", En: "met on %s"},
	"case.state.lateOn":            {Da: "overholdt for sent %s", En: "met late on %s"},
	"case.reached":                 {Da: "truffet", En: "reached"},
	"case.notReached":              {Da: "ikke truffet", En: "not reached"},
	"case.to":                      {Da: "til %s", En: "to %s"},
	"case.by":                      {Da: "af %s", En: "by %s"},
	"case.referrer":                {Da: "henvist af %s", En: "referred by %s"},
	"case.receivedBy":              {Da: "modtaget af %s", En: "received by %s"},
	"case.place":                   {Da: "sted: %s", En: "place: %s"},
	"case.note":                    {Da: "notat: %s", En: "note: %s"},
	"case.loadError":               {Da: "Sagen kunne ikke læses: %s", En: "The case could not be read: %s"},
	"case.key.back":                {Da: "tilbage", En: "back"},
	"case.ev.referral_received":    {Da: "Henvendelse", En: "Referral"},
	"case.ev.assigned":             {Da: "Tildelt", En: "Assigned"},
	"case.ev.rejected":             {Da: "Afvist", En: "Rejected"},
	"case.ev.contact_attempt":      {Da: "Kontaktforsøg", En: "Contact attempt"},
	"case.ev.first_meeting":        {Da: "Første samtale", En: "First meeting"},
	"case.ev.advice_given":         {Da: "Råd og vejledning givet", En: "Advice given"},
	"case.ev.coordination_planned": {Da: "Koordinerende møde planlagt", En: "Coordinating meeting planned"},
	"case.ev.meeting_held":         {Da: "Møde holdt", En: "Meeting held"},
	"case.ev.minutes_sent":         {Da: "Referat sendt", En: "Minutes sent"},
	"case.ev.needs_assessed":       {Da: "Behov vurderet", En: "Needs assessed"},
	"case.ev.closed":               {Da: "Afsluttet", En: "Closed"},
	"case.ev.followup_done":        {Da: "Opfølgning udført", En: "Follow-up done"},
})

// CaseView shows one case: who it is about, its deadlines and everything
// that happened, and records new events through short forms (actions.go).
type CaseView struct {
	c      *Common
	id     string
	cs     model.Case
	obs    []model.Obligation // sorted by due date: a timeline
	err    error
	offset int // first body line shown
	w, h   int
	keys   caseKeys
}

type caseKeys struct {
	nav     navKeys
	back    key.Binding
	actions []key.Binding // one per caseActions entry
}

// headerLines is how many lines the fixed header takes above the scrolling body.
const headerLines = 3

// NewCaseView opens a case. Opening is logged in the audit trail: who looked
// at which citizen's case matters.
func NewCaseView(c *Common, id string) Screen {
	v := &CaseView{c: c, id: id, w: c.Width, h: max(c.Height-3, 1)}
	v.keys = caseKeys{
		nav:  newNavKeys(c),
		back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("case.key.back"))),
	}
	for _, a := range caseActions {
		v.keys.actions = append(v.keys.actions, key.NewBinding(key.WithKeys(a.key), key.WithHelp(a.key, c.T("action."+a.name))))
	}
	v.cs, v.err = c.Store.OpenCase(id, c.User)
	v.derive()
	return v
}

// reload reads the case again after a change; not a new opening, so not logged.
func (v *CaseView) reload() {
	v.cs, v.err = v.c.Store.Case(v.id)
	v.derive()
	v.scroll(0)
}

// derive computes the obligations with the case's profile: the deadline
// rules live in model, never here.
func (v *CaseView) derive() {
	v.obs = nil
	if v.err != nil {
		return
	}
	p, err := model.ProfileByName(v.cs.Profile)
	if err != nil {
		v.err = err
		return
	}
	v.obs = p.Obligations(&v.cs, v.c.Store.Calendar())
	// Rule order breaks ties, as in the queue; the stable sort keeps it.
	sort.SliceStable(v.obs, func(i, j int) bool { return v.obs[i].Due < v.obs[j].Due })
}

func (v *CaseView) Init() tea.Cmd { return nil }

func (v *CaseView) Title() string { return v.c.T("case.title", v.id) }

func (v *CaseView) Capturing() bool { return false }

func (v *CaseView) Dirty() bool { return false }

func (v *CaseView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.scroll(0)
}

func (v *CaseView) Keys() []key.Binding {
	k := v.keys
	// Back first: the help line shows the first keys that fit.
	return append(append([]key.Binding{k.back}, k.actions...), k.nav.up, k.nav.down, k.nav.pgUp, k.nav.pgDown, k.nav.home, k.nav.end)
}

// page is how many body lines fit under the header.
func (v *CaseView) page() int { return max(v.h-headerLines, 1) }

// scroll moves the body by d lines and keeps it within its lines.
func (v *CaseView) scroll(d int) {
	v.offset = max(0, min(v.offset+d, len(v.body())-v.page()))
}

func (v *CaseView) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case changedMsg:
		if msg.caseID == v.id {
			v.reload()
		}
	case tea.KeyMsg:
		k := v.keys
		// A page keeps one line of the last in view.
		if d, ok := k.nav.step(msg, v.page()-1, len(v.body())); ok {
			v.scroll(d)
			return v, nil
		}
		if key.Matches(msg, k.back) {
			return v, pop
		}
		for i, b := range k.actions {
			if key.Matches(msg, b) {
				return v, v.act(caseActions[i])
			}
		}
	}
	return v, nil
}

func (v *CaseView) View() string {
	if v.err != nil {
		return v.c.Styles.Error.Render(v.c.T("case.loadError", v.err.Error()))
	}
	body := v.body()
	end := min(v.offset+v.page(), len(body))
	lines := append(v.header(len(body), end), body[v.offset:end]...)
	return strings.Join(lines, "\n")
}

// header is the fixed top: the citizen (CPR masked, always), the case and
// where it stands, and where the scrolled body is when it is long.
func (v *CaseView) header(total, end int) []string {
	st, c, cs := v.c.Styles, v.c, &v.cs
	name := cs.Citizen.Name
	if name == "" {
		name = "—"
	}
	worker := cs.Caseworker()
	if worker == "" {
		worker = c.T("case.noWorker")
	}
	who := st.Bold.Render(name) + "   " + c.maskedCPR(cs.Citizen.CPR) + "   " + cs.ID
	where := st.Label.Render(c.T("case.phase")+": ") + c.T("phase."+string(cs.Phase())) + " · " +
		st.Label.Render(c.T("case.worker")+": ") + worker + " · " +
		st.Label.Render(c.T("case.profile")+": ") + cs.ProfileName()
	pos := ""
	if total > v.page() {
		pos = st.Subtle.Render(c.T("case.lines", v.offset+1, end, total))
	}
	return []string{who, spread(where, pos, v.w), ""}
}

// body is every line below the header: the deadlines, then the history.
func (v *CaseView) body() []string {
	if v.err != nil {
		return nil
	}
	return append(v.deadlineLines(), v.historyLines()...)
}

func (v *CaseView) deadlineLines() []string {
	st, c := v.c.Styles, v.c
	lines := []string{st.Header.Render(c.T("case.deadlines"))}
	if len(v.obs) == 0 {
		return append(lines, "  "+st.Subtle.Render(c.T("case.noDeadlines")), "")
	}
	what := 0
	for _, o := range v.obs {
		what = max(what, lipgloss.Width(c.ruleWords(o.Rule, o.Label)))
	}
	// The state needs about 30 columns; the rule gets the rest, up to its longest.
	what = max(min(what, v.w-2-12-30), 12)
	lines = append(lines, st.Subtle.Render("  "+cell(c.T("case.col.what"), what)+"  "+cell(c.T("case.col.due"), 10)+"  "+c.T("case.col.state")))
	for _, o := range v.obs {
		mark, style := "  ", lipgloss.NewStyle()
		if o.State == model.Active {
			// The same marks as the queue: colour is lost in some terminals.
			switch c.urgency(o.Due) {
			case 2:
				mark, style = "! ", st.Overdue
			case 1:
				mark, style = "• ", st.Soon
			}
		}
		row := mark + cell(c.ruleWords(o.Rule, o.Label), what) + "  " + cell(o.Due.String(), 10) + "  " + v.stateWords(o)
		lines = append(lines, style.Render(truncate(row, v.w)))
	}
	return append(lines, "")
}

// stateWords says where an obligation stands, with its dates.
func (v *CaseView) stateWords(o model.Obligation) string {
	c, today := v.c, v.c.Today()
	switch o.State {
	case model.MetOnTime, model.MetLate:
		k := "case.state.metOn"
		if o.State == model.MetLate {
			k = "case.state.lateOn"
		}
		if o.MetOn == model.NoDate { // goals and tasks marked done without a date
			return c.T("state." + o.State.String())
		}
		return c.T(k, o.MetOn.String())
	case model.Missed:
		return c.T("state.missed")
	}
	var s string
	switch {
	case o.Overdue(today):
		s = c.T("case.state.overdue", c.daysWords(o.Due))
	case o.Due == today:
		s = c.T("case.state.today")
	default:
		s = c.T("case.state.left", c.daysWords(o.Due))
	}
	if o.Opens != model.NoDate && today < o.Opens {
		s += ", " + c.T("case.state.opens", o.Opens.String())
	}
	return s
}

func (v *CaseView) historyLines() []string {
	st, c := v.c.Styles, v.c
	lines := []string{st.Header.Render(c.T("case.history"))}
	evs := v.cs.Chronological()
	if len(evs) == 0 {
		return append(lines, "  "+st.Subtle.Render(c.T("case.noEvents")))
	}
	typeW := lipgloss.Width(c.T("case.col.event"))
	for _, e := range evs {
		typeW = max(typeW, lipgloss.Width(c.T("case.ev."+string(e.Type))))
	}
	detailW := max(v.w-2-10-2-typeW-2, 20)
	indent := strings.Repeat(" ", max(v.w-detailW, 0))
	lines = append(lines, st.Subtle.Render("  "+cell(c.T("case.col.date"), 10)+"  "+cell(c.T("case.col.event"), typeW)+"  "+c.T("case.col.details")))
	for _, e := range evs {
		details := packDetails(v.eventDetails(e), detailW)
		lines = append(lines, "  "+cell(e.Date.String(), 10)+"  "+cell(c.T("case.ev."+string(e.Type)), typeW)+"  "+details[0])
		for _, d := range details[1:] {
			lines = append(lines, indent+d)
		}
	}
	return lines
}

// packDetails lays an event's details out in lines of w columns: a short
// part ("af anne") is never split, a long note wraps rather than being cut.
func packDetails(parts []string, w int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		sep := ""
		if cur != "" {
			sep = " · "
		}
		switch {
		case lipgloss.Width(cur+sep+p) <= w:
			cur += sep + p
		case lipgloss.Width(p) <= w:
			lines, cur = append(lines, cur), p
		default:
			wrapped := strings.Split(ansi.Wrap(cur+sep+p, w, ""), "\n")
			lines, cur = append(lines, wrapped[:len(wrapped)-1]...), wrapped[len(wrapped)-1]
		}
	}
	return append(lines, cur)
}

// eventDetails says what matters of one event, in the desk's language.
func (v *CaseView) eventDetails(e model.Event) []string {
	c := v.c
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	label := func(opts []model.Option, id string) string { return caseOptionLabel(c, opts, id) }
	switch e.Type {
	case model.ReferralReceived:
		add(label(model.ReferralSources, e.Source))
		if e.Referrer != "" {
			add(c.T("case.referrer", e.Referrer))
		}
		if e.ReceivedBy != "" {
			add(c.T("case.receivedBy", e.ReceivedBy))
		}
	case model.Assigned:
		if e.To != "" {
			add(c.T("case.to", e.To))
		}
	case model.ContactAttempt:
		add(label(model.Channels, e.Channel))
		if e.Reached != nil {
			add(map[bool]string{true: c.T("case.reached"), false: c.T("case.notReached")}[*e.Reached])
		}
	case model.FirstMeeting:
		if e.Place != "" {
			add(c.T("case.place", e.Place))
		}
	case model.CoordinationPlanned:
		add(label(model.Scopes, e.Scope))
	case model.MeetingHeld:
		add(label(model.Kinds, e.Kind))
	case model.NeedsAssessed:
		add(label(model.Outcomes, e.Outcome))
	}
	if e.Type == model.Closed || e.Type == model.Rejected {
		add(label(model.CloseReasons, e.Reason))
	}
	if e.Note != "" {
		add(c.T("case.note", e.Note))
	}
	if e.By != "" {
		add(c.T("case.by", e.By))
	}
	return parts
}
