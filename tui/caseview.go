package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"tovholder/db"
	"tovholder/model"
)

var _ = register(map[string]model.Text{
	"case.title":                   {Da: "Sag %s", En: "Case %s"},
	"case.phase":                   {Da: "Fase", En: "Phase"},
	"case.worker":                  {Da: "Sagsbehandler", En: "Caseworker"},
	"case.noWorker":                {Da: "ingen endnu", En: "none yet"},
	"case.profile":                 {Da: "Profil", En: "Profile"},
	"case.previous":                {Da: "tidligere sag %s", En: "earlier case %s"},
	"case.others":                  {Da: "Borgerens andre sager", En: "The citizen's other cases"},
	"case.phone":                   {Da: "tlf. %s", En: "phone %s"},
	"case.noContact":               {Da: "ingen adresse, telefon eller e-mail", En: "no address, phone or e-mail"},
	"case.screening":               {Da: "Screening", En: "Screening"},
	"case.notScreened":             {Da: "ikke screenet", En: "not screened"},
	"case.screenedSame":            {Da: "i målgruppen: %s, som reglen anbefaler", En: "in the target group: %s, as the rule recommends"},
	"case.screenedAgainst":         {Da: "i målgruppen: %s, mod reglens anbefaling (begrundet)", En: "in the target group: %s, against the rule's recommendation (justified)"},
	"case.attempts":                {Da: "Kontaktforsøg", En: "Contact attempts"},
	"case.attemptsNone":            {Da: "ingen endnu", En: "none yet"},
	"case.attemptsReached":         {Da: "truffet %s", En: "reached %s"},
	"case.attemptsNotReached":      {Da: "ikke truffet endnu", En: "not reached yet"},
	"case.lines":                   {Da: "linje %d–%d af %d", En: "lines %d–%d of %d"},
	"case.deadlines":               {Da: "Frister", En: "Deadlines"},
	"case.noDeadlines":             {Da: "Ingen frister på sagen.", En: "No deadlines on this case."},
	"case.col.what":                {Da: "Hvad", En: "What"},
	"case.col.due":                 {Da: "Frist", En: "Due"},
	"case.col.state":               {Da: "Status", En: "State"},
	"case.history":                 {Da: "Forløb", En: "History"},
	"case.noEvents":                {Da: "Intet registreret endnu.", En: "Nothing recorded yet."},
	"case.noHits":                  {Da: "Ingen hændelser med »%s«.", En: "No events with \"%s\"."},
	"case.hits":                    {Da: "%d af %d hændelser", En: "%d of %d events"},
	"case.search":                  {Da: "Søg i forløbet", En: "Search the history"},
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
	"case.annulled":                {Da: "ANNULLERET %s af %s: %s", En: "ANNULLED %s by %s: %s"},
	"case.loadError":               {Da: "Sagen kunne ikke læses: %s", En: "The case could not be read: %s"},
	"case.readOnly":                {Da: "Kun læsning:", En: "Read-only:"},
	"case.key.explain":             {Da: "hvorfor denne frist", En: "why this deadline"},
	"case.key.details":             {Da: "vis hændelsen", En: "show the event"},
	"case.key.search":              {Da: "søg i forløbet", En: "search the history"},
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
	"case.ev.note":                 {Da: "Notat", En: "Note"},
})

// CaseView shows one case: who it is about and how to reach them, its
// deadlines and everything that happened. Every deadline and every event
// is a row the cursor can stand on: enter says why a deadline falls where
// it does, or shows an event whole; u annuls an event. The actions record
// new events through short forms (actions.go).
type CaseView struct {
	c      *Common
	id     string
	cs     model.Case         // as read, its text cleaned for the screen
	obs    []model.Obligation // sorted by due date: a timeline
	events []int              // indexes into cs.Events, in date order: the history rows
	others []db.Match         // the citizen's other cases
	err    error
	// version is the case's version as shown: a change is made on it, and
	// refused when someone else changed the case since.
	version uint64
	sel     int // the selected row: deadlines first, then events
	offset  int // first body line shown
	search  searchBox
	w, h    int
	// Reads of the store, off the update loop (see Queue.read).
	loaded, reading, keysWait, again, againKeys bool
}

// NewCaseView opens a case, reading it now. Opening is logged in the
// audit trail: who looked at which citizen's case matters. The desk's own
// screens open a case with openCase, which reads it off the update loop;
// this is for callers outside a running desk.
func NewCaseView(c *Common, id string) Screen {
	v := newCaseView(c, id)
	v.readDone(readCase(c, id, true))
	return v
}

// openCase opens a case, which it reads (and logs as opened) once
// started: until then it says it is loading, and keys wait for it.
func openCase(c *Common, id string) *CaseView {
	v := newCaseView(c, id)
	v.reading, v.keysWait = true, true
	return v
}

func newCaseView(c *Common, id string) *CaseView {
	return &CaseView{c: c, id: id, w: c.Width, h: max(c.Height-3, 1), search: newSearchBox(c, "")}
}

// caseRead is a case as read for the screen, with what is derived from it.
type caseRead struct {
	v       *CaseView
	opened  bool // the first read, which logged the opening
	cs      model.Case
	version uint64
	obs     []model.Obligation
	events  []int
	others  []db.Match
	err     error
}

func (m caseRead) target() Screen { return m.v }

// readCase reads case id and derives what the screen shows: the
// obligations with the case's profile (the deadline rules live in model,
// never here), the history in date order, and the citizen's other cases.
// It runs off the update loop: it touches no screen. open logs the read
// as the user opening the case.
func readCase(c *Common, id string, open bool) caseRead {
	m := caseRead{opened: open}
	if open {
		m.cs, m.version, m.err = c.Store.OpenCase(id, c.User)
	} else {
		m.cs, m.version, m.err = c.Store.CaseAt(id)
	}
	if m.err != nil {
		return m
	}
	model.Normalize(&m.cs) // whatever the database holds is cleaned before it is shown
	p, err := model.ProfileByName(m.cs.Profile)
	if err != nil {
		m.err = err
		return m
	}
	m.obs = p.Obligations(&m.cs, c.Store.Calendar())
	// Rule order breaks ties, as in the queue; the stable sort keeps it.
	sort.SliceStable(m.obs, func(i, j int) bool { return m.obs[i].Due < m.obs[j].Due })
	for i := range m.cs.Events {
		m.events = append(m.events, i)
	}
	sort.SliceStable(m.events, func(i, j int) bool { return m.cs.Events[m.events[i]].Date < m.cs.Events[m.events[j]].Date })
	z := m.cs.Citizen
	m.others, _ = c.Store.SameCitizen(z.CPR, z.Name, z.Birth(), id)
	return m
}

// read reads the case again after a change, off the update loop; not a
// new opening, so not logged. A read asked for during another comes after
// it. keys: the next keys wait for it (the desk's own change).
func (v *CaseView) read(keys bool) tea.Cmd {
	if v.reading {
		v.again, v.againKeys = true, v.againKeys || keys
		return nil
	}
	v.reading, v.keysWait = true, keys
	c, id := v.c, v.id
	return func() tea.Msg {
		m := readCase(c, id, false)
		m.v = v
		return m
	}
}

// Busy: keys wait for the case to be read, when they are to act on it.
func (v *CaseView) Busy() bool { return v.reading && v.keysWait }

// readDone shows the case as read. The first time the cursor starts on
// the next deadline: what the case needs now. After that it stays on what
// it stood on: the same deadline or event, though rows come and go around it.
func (v *CaseView) readDone(m caseRead) tea.Cmd {
	v.reading = false
	keep := v.sel
	o, ev, ok := v.selected()
	var was model.Obligation
	if o != nil {
		was = *o
	}
	v.cs, v.version, v.err, v.obs, v.events, v.others = m.cs, m.version, m.err, m.obs, m.events, m.others
	v.loaded = true
	if m.opened {
		v.sel = 0
		for i, o := range v.obs {
			if o.State == model.Active {
				v.sel = i
				break
			}
		}
	} else {
		v.sel = min(keep, max(v.rowCount()-1, 0))
		if ok {
			v.findRow(was, ev)
		}
	}
	v.scroll()
	if v.again {
		k := v.againKeys
		v.again, v.againKeys = false, false
		return v.read(k)
	}
	return nil
}

// findRow puts the cursor on the obligation like o (same rule, start and
// label), or on event ev, when the case still shows it.
func (v *CaseView) findRow(o model.Obligation, ev int) {
	if ev < 0 {
		for i, x := range v.obs {
			if x.Rule == o.Rule && x.Start == o.Start && x.Label == o.Label {
				v.sel = i
				return
			}
		}
		return
	}
	for i, e := range v.shownEvents() {
		if e == ev {
			v.sel = len(v.obs) + i
			return
		}
	}
}

// lists reports whether the header lists one of the cases.
func (v *CaseView) lists(ids []string) bool {
	for _, m := range v.others {
		if slices.Contains(ids, m.CaseID) {
			return true
		}
	}
	return false
}

// Init reads the case, when it is not read yet, and logs the opening.
func (v *CaseView) Init() tea.Cmd {
	if v.loaded {
		return nil
	}
	c, id := v.c, v.id
	return func() tea.Msg {
		m := readCase(c, id, true)
		m.v = v
		return m
	}
}

func (v *CaseView) Title() string { return v.c.T("case.title", v.id) }

func (v *CaseView) Capturing() bool { return v.search.typing }

func (v *CaseView) Dirty() bool { return false }

func (v *CaseView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.search.input.Width = max(min(30, w-40), 10)
	v.scroll()
}

// shownEvents are the history rows the search lets through.
func (v *CaseView) shownEvents() []int {
	needle := strings.ToLower(v.search.Value())
	if needle == "" {
		return v.events
	}
	var out []int
	for _, i := range v.events {
		e := v.cs.Events[i]
		text := v.c.T("case.ev."+string(e.Type)) + " " + strings.Join(v.eventDetails(e), " ") + " " + e.Date.String()
		if strings.Contains(strings.ToLower(text), needle) {
			out = append(out, i)
		}
	}
	return out
}

func (v *CaseView) rowCount() int { return len(v.obs) + len(v.shownEvents()) }

// selected says what the cursor stands on: a deadline, or an event (its
// index in cs.Events); ok is false when there is nothing.
func (v *CaseView) selected() (o *model.Obligation, event int, ok bool) {
	switch {
	case v.err != nil || v.sel < 0:
		return nil, -1, false
	case v.sel < len(v.obs):
		return &v.obs[v.sel], -1, true
	}
	if ev := v.shownEvents(); v.sel-len(v.obs) < len(ev) {
		return nil, ev[v.sel-len(v.obs)], true
	}
	return nil, -1, false
}

func (v *CaseView) Keys() []key.Binding {
	k, nav := v.c.Keys.Case, v.c.Keys.Nav
	if v.search.typing {
		return v.search.keys()
	}
	keys := []key.Binding{v.c.Keys.Back}
	if !v.loaded {
		return keys
	}
	o, ev, ok := v.selected()
	switch {
	case ok && o != nil:
		keys = append(keys, k.Explain)
	case ok:
		keys = append(keys, k.Details)
	}
	for _, a := range caseActions {
		if v.offers(a) {
			keys = append(keys, a.binding(&k))
		}
	}
	if ok && ev >= 0 && v.cs.Events[ev].Live() && model.Permit(v.c.Actor(), &v.cs, "") == nil {
		keys = append(keys, k.Annul)
	}
	if v.mayReferAgain() {
		keys = append(keys, k.ReferAgain)
	}
	if v.err == nil {
		keys = append(keys, k.Documents)
	}
	return append(keys, nav.Up, nav.Down, k.Search, nav.PgUp, nav.PgDown, nav.Home, nav.End)
}

// offers reports whether an action works on the case now, for this user:
// the help line lists these and no others.
func (v *CaseView) offers(a caseAction) bool {
	if v.err != nil {
		return false
	}
	// Whether this person may change this case (model.Permit, which the
	// store asks too), then whether the case's rules allow the action now.
	if model.Permit(v.c.Actor(), &v.cs, a.event) != nil {
		return false
	}
	if a.event == "" { // marking a goal or task done
		return model.CanWorkOn(&v.cs) == nil && len(v.openItems()) > 0
	}
	return model.CanRecord(&v.cs, a.event) == nil &&
		(a.event != model.Assigned || v.cs.Has(model.Assigned)) // assigning the first time is triage's
}

// readOnly is why this person may change nothing on the case, or nil:
// a leader's role, a colleague's case for a caseworker, a case not yet
// triaged. A note is the least change there is: who may not write one
// may change nothing.
func (v *CaseView) readOnly() *model.Problem {
	if !v.loaded || v.err != nil {
		return nil
	}
	return model.Permit(v.c.Actor(), &v.cs, model.Note)
}

// ReadOnly says, for the help line and the help, why the case is read-only.
func (v *CaseView) ReadOnly() (short, long string) {
	if p := v.readOnly(); p != nil {
		return v.c.readOnlyWords(*p)
	}
	return "", ""
}

// mayReferAgain: a closed or rejected case's citizen can be referred again.
func (v *CaseView) mayReferAgain() bool {
	return v.err == nil && v.c.Role.MayEdit() == nil && v.closedOrRejected()
}

func (v *CaseView) closedOrRejected() bool {
	ph := v.cs.Phase()
	return ph == model.PhaseClosed || ph == model.PhaseRejected
}

// page is how many body lines fit under the header.
func (v *CaseView) page() int { return max(v.h-len(v.header("")), 1) }

func (v *CaseView) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case changedMsg:
		// The desk's own change may concern the case shown: its own, or a
		// new case of the same citizen that its header lists. Reading one
		// case is cheap. Of the changes heard from the store, those of this
		// case, of a case its header lists, and new cases.
		if !msg.live || msg.created || msg.has(v.id) || v.lists(msg.ids) {
			return v, v.read(!msg.live)
		}
	case caseRead:
		return v, v.readDone(msg)
	case tea.KeyMsg:
		if v.search.typing {
			return v.updateSearch(msg)
		}
		return v, v.key(msg)
	}
	return v, nil
}

func (v *CaseView) key(msg tea.KeyMsg) tea.Cmd {
	k := v.c.Keys.Case
	if d, ok := v.c.Keys.Nav.step(msg, v.pageRows(), v.rowCount()); ok {
		v.sel = max(0, min(v.sel+d, v.rowCount()-1))
		v.scroll()
		return nil
	}
	o, ev, ok := v.selected()
	switch {
	case key.Matches(msg, v.c.Keys.Back):
		if v.search.clear() {
			v.sel = 0
			v.scroll()
			return nil
		}
		return pop
	case key.Matches(msg, k.Explain) && ok && o != nil:
		return push(newExplainScreen(v.c, &v.cs, *o))
	case key.Matches(msg, k.Details) && ok && ev >= 0:
		return push(v.eventScreen(ev))
	case key.Matches(msg, k.Annul):
		if !ok || ev < 0 {
			return status(v.c.T("annul.choose"))
		}
		return v.annul(ev)
	case key.Matches(msg, k.Search):
		return v.search.open()
	case key.Matches(msg, k.Documents) && v.err == nil:
		return push(newDocsScreen(v))
	case key.Matches(msg, k.ReferAgain):
		if p := v.c.Role.MayEdit(); p != nil {
			return status(v.c.problemWords(*p))
		}
		if !v.mayReferAgain() {
			return status(v.c.T("refer.onlyClosed"))
		}
		return push(newIntakeAgain(v.c, &v.cs))
	}
	for _, a := range caseActions {
		if key.Matches(msg, a.binding(&k)) {
			return v.act(a)
		}
	}
	return nil
}

func (v *CaseView) updateSearch(msg tea.KeyMsg) (Screen, tea.Cmd) {
	changed, cmd := v.search.update(msg)
	switch {
	case changed && v.search.Value() != "":
		v.sel = min(len(v.obs), max(v.rowCount()-1, 0)) // the first event found
	case changed:
		v.sel = 0
	}
	v.scroll()
	return v, cmd
}

// pageRows is how far pgup and pgdown move the cursor: a page of body
// lines, counted as rows of one line.
func (v *CaseView) pageRows() int { return max(v.page()-2, 1) }

// scroll keeps the selected row, all its lines, in view.
func (v *CaseView) scroll() {
	lines, rows := v.body()
	page := v.page()
	if v.sel >= 0 && v.sel < len(rows) {
		first, last := rows[v.sel][0], rows[v.sel][1]
		if v.sel == 0 {
			first = 0 // the first row brings its heading with it
		}
		if last >= v.offset+page {
			v.offset = last - page + 1
		}
		if first < v.offset {
			v.offset = first
		}
	}
	v.offset = max(0, min(v.offset, len(lines)-page))
}

func (v *CaseView) View() string {
	if !v.loaded {
		return v.c.Styles.Subtle.Render(v.c.T("app.loading"))
	}
	if v.err != nil {
		return v.c.Styles.Error.Render(v.c.T("case.loadError", v.err.Error()))
	}
	st, c := v.c.Styles, v.c
	lines, _ := v.body()
	page := v.page()
	end := min(v.offset+page, len(lines))
	pos := ""
	if len(lines) > page {
		pos = st.Subtle.Render(c.T("case.lines", v.offset+1, end, len(lines)))
	}
	if s := v.search.view(c.T("case.search"), nil); s != "" {
		pos = s + "   " + st.Subtle.Render(c.T("case.hits", len(v.shownEvents()), len(v.events))) + "  " + pos
	}
	return strings.Join(append(v.header(pos), lines[v.offset:end]...), "\n")
}

// header is the fixed top: the citizen (CPR masked, always) and how to
// reach them, the case and where it stands, the screening and the contact
// attempts; pos, at the right of its last line, says where the body is
// scrolled to. Lines wrap rather than push anything off the screen.
func (v *CaseView) header(pos string) []string {
	if v.err != nil {
		return nil
	}
	st, c, cs := v.c.Styles, v.c, &v.cs
	w := max(v.w, 20)
	name := cs.Citizen.Name
	if name == "" {
		name = "—"
	}
	var out []string
	add := func(parts ...string) { out = append(out, packDetails(parts, w)...) }

	who := []string{st.Bold.Render(name), c.maskedCPR(cs.Citizen.CPR), cs.ID}
	if cs.Previous != "" {
		who = append(who, c.T("case.previous", cs.Previous))
	}
	add(who...)
	z := cs.Citizen
	var reach []string
	for _, s := range []string{z.Address, phoneWords(c, z.Phone), z.Email} {
		if s != "" {
			reach = append(reach, s)
		}
	}
	if len(reach) == 0 {
		reach = []string{st.Subtle.Render(c.T("case.noContact"))}
	}
	add(reach...)
	worker := cs.Caseworker()
	if worker == "" {
		worker = c.T("case.noWorker")
	}
	add(st.Label.Render(c.T("case.phase")+":")+" "+c.T("phase."+string(cs.Phase())),
		st.Label.Render(c.T("case.worker")+":")+" "+worker,
		st.Label.Render(c.T("case.profile")+":")+" "+cs.ProfileName())
	add(st.Label.Render(c.T("case.screening")+":")+" "+v.screeningWords(),
		st.Label.Render(c.T("case.attempts")+":")+" "+v.attemptWords())
	if len(v.others) > 0 {
		var ids []string
		for _, m := range v.others {
			ids = append(ids, m.CaseID+" ("+c.T("phase."+string(m.Phase))+")")
		}
		add(st.Label.Render(c.T("case.others")+":") + " " + strings.Join(ids, ", "))
	}
	if p := v.readOnly(); p != nil {
		add(st.Bold.Render(c.T("case.readOnly")) + " " + c.problemWords(*p))
	}
	return append(out, spread("", pos, w))
}

// phoneWords says a phone number for the header, grouped in pairs.
func phoneWords(c *Common, p string) string {
	if p == "" {
		return ""
	}
	if len(p) == 8 && strings.Trim(p, "0123456789") == "" {
		p = p[0:2] + " " + p[2:4] + " " + p[4:6] + " " + p[6:8]
	}
	return c.T("case.phone", p)
}

// screeningWords says the screening's decision.
func (v *CaseView) screeningWords() string {
	s := v.cs.Screening
	if s == nil {
		return v.c.T("case.notScreened")
	}
	if s.InTargetGroup == s.Recommended {
		return v.c.T("case.screenedSame", v.c.yesNo(s.InTargetGroup))
	}
	return v.c.T("case.screenedAgainst", v.c.yesNo(s.InTargetGroup))
}

// attemptWords counts the contact attempts by channel, and says whether
// and when the citizen was reached.
func (v *CaseView) attemptWords() string {
	c := v.c
	attempts := v.cs.ContactAttempts()
	if len(attempts) == 0 {
		return c.T("case.attemptsNone")
	}
	count := map[string]int{}
	var order []string
	reached := model.NoDate
	for _, e := range attempts {
		if count[e.Channel] == 0 {
			order = append(order, e.Channel)
		}
		count[e.Channel]++
		if e.IsReached() && reached == model.NoDate {
			reached = e.Date
		}
	}
	var by []string
	for _, ch := range order {
		by = append(by, fmt.Sprintf("%s %d", strings.ToLower(caseOptionLabel(c, model.Channels, ch)), count[ch]))
	}
	out := fmt.Sprintf("%d (%s)", len(attempts), strings.Join(by, ", "))
	if reached != model.NoDate {
		return out + ", " + c.T("case.attemptsReached", reached)
	}
	return out + ", " + c.T("case.attemptsNotReached")
}

// body is every line below the header, the deadlines and then the
// history, and for each row the first and last line it takes.
func (v *CaseView) body() (lines []string, rows [][2]int) {
	if v.err != nil {
		return nil, nil
	}
	st, c := v.c.Styles, v.c
	// The cursor stands in the first column, outside the row's own style.
	cursorAt := func(row int) string {
		if row == v.sel {
			return st.Focus.Render(">")
		}
		return " "
	}
	lines = append(lines, st.Header.Render(c.T("case.deadlines")))
	if len(v.obs) == 0 {
		lines = append(lines, "   "+st.Subtle.Render(c.T("case.noDeadlines")))
	} else {
		what := 0
		for _, o := range v.obs {
			what = max(what, lipgloss.Width(c.ruleWords(o.Rule, o.Label)))
		}
		// The state needs about 30 columns; the rule gets the rest, up to its longest.
		what = max(min(what, v.w-3-12-30), 12)
		lines = append(lines, st.Subtle.Render("   "+cell(c.T("case.col.what"), what)+"  "+cell(c.T("case.col.due"), 10)+"  "+c.T("case.col.state")))
		for i, o := range v.obs {
			sign, style := " ", lipgloss.NewStyle()
			if o.State == model.Active {
				// The same marks as the queue: colour is lost in some terminals.
				switch c.urgency(o.Due) {
				case 2:
					sign, style = "!", st.Overdue
				case 1:
					sign, style = "•", st.Soon
				}
			}
			row := sign + " " + cell(c.ruleWords(o.Rule, o.Label), what) + "  " + cell(o.Due.String(), 10) + "  " + c.stateWords(o)
			if i == v.sel {
				style = style.Inherit(st.Selected).Reverse(true)
			}
			rows = append(rows, [2]int{len(lines), len(lines)})
			lines = append(lines, cursorAt(i)+style.Render(truncate(row, v.w-1)))
		}
	}
	lines = append(lines, "", st.Header.Render(c.T("case.history")))
	shown := v.shownEvents()
	switch {
	case len(v.events) == 0:
		return append(lines, "   "+st.Subtle.Render(c.T("case.noEvents"))), rows
	case len(shown) == 0:
		return append(lines, "   "+st.Subtle.Render(c.T("case.noHits", v.search.Value()))), rows
	}
	typeW := lipgloss.Width(c.T("case.col.event"))
	for _, i := range shown {
		typeW = max(typeW, lipgloss.Width(c.T("case.ev."+string(v.cs.Events[i].Type))))
	}
	detailW := max(v.w-3-10-2-typeW-2, 20)
	indent := strings.Repeat(" ", max(v.w-detailW, 0))
	lines = append(lines, st.Subtle.Render("   "+cell(c.T("case.col.date"), 10)+"  "+cell(c.T("case.col.event"), typeW)+"  "+c.T("case.col.details")))
	for n, i := range shown {
		e := v.cs.Events[i]
		row := len(v.obs) + n
		details := packDetails(v.eventDetails(e), detailW)
		style := lipgloss.NewStyle()
		if !e.Live() {
			style = st.Annulled
		}
		if row == v.sel {
			style = style.Inherit(st.Selected).Reverse(true)
		}
		first := len(lines)
		lines = append(lines, cursorAt(row)+"  "+style.Render(cell(e.Date.String(), 10)+"  "+cell(c.T("case.ev."+string(e.Type)), typeW)+"  "+details[0]))
		for _, d := range details[1:] {
			lines = append(lines, indent+style.Render(d))
		}
		rows = append(rows, [2]int{first, len(lines) - 1})
	}
	return lines, rows
}

// stateWords says where an obligation stands, with its dates.
func (c *Common) stateWords(o model.Obligation) string {
	today := c.Today()
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

// packDetails lays an event's details out in lines of w columns: a short
// part ("af anne") is never split, a long note wraps rather than being cut,
// and a note's own line breaks are kept.
func packDetails(parts []string, w int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		for j, piece := range strings.Split(p, "\n") {
			sep := ""
			switch {
			case j > 0:
				lines, cur = append(lines, cur), ""
			case cur != "":
				sep = " · "
			}
			switch {
			case lipgloss.Width(cur+sep+piece) <= w:
				cur += sep + piece
			case lipgloss.Width(piece) <= w:
				lines, cur = append(lines, cur), piece
			default:
				wrapped := strings.Split(wrap(cur+sep+piece, w), "\n")
				lines, cur = append(lines, wrapped[:len(wrapped)-1]...), wrapped[len(wrapped)-1]
			}
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
	if a := e.Annulled; a != nil {
		add(c.T("case.annulled", a.Date, orDash(a.By), orDash(a.Reason)))
	}
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
	case model.Closed, model.Rejected:
		add(label(model.CloseReasons, e.Reason))
	}
	switch {
	case e.Type == model.Note:
		add(e.Note)
	case e.Note != "":
		add(c.T("case.note", e.Note))
	}
	if e.By != "" {
		add(c.T("case.by", e.By))
	}
	return parts
}
