package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"tovholder/db"
	"tovholder/model"
)

// The fixed moment of every screen test: Wednesday 25 November 2026, noon.
var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

const testW, testH = 100, 30

func td(s string) model.Date {
	v, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func reached(b bool) *bool { return &b }

// fixtureCases is a small, hand-made caseload in every phase. Screen tests
// use it rather than synth, so that a change to the generator does not
// move the golden files.
func fixtureCases() []model.Case {
	ev := func(t model.EventType, date string) model.Event { return model.Event{Type: t, Date: td(date)} }
	assigned := func(date, to string) model.Event { e := ev(model.Assigned, date); e.To = to; return e }
	referral := func(date, source string) model.Event {
		e := ev(model.ReferralReceived, date)
		e.Source, e.Referrer, e.ReceivedBy = source, "Kim Fiktiv", "anne"
		return e
	}
	attempt := func(date, ch string, ok bool) model.Event {
		e := ev(model.ContactAttempt, date)
		e.Channel, e.Reached = ch, reached(ok)
		return e
	}
	citizen := func(name, cpr string) model.Citizen {
		return model.Citizen{Name: name, CPR: model.CPR(cpr), Address: "Prøvevej 1, 4000 Roskilde", Phone: "12345678"}
	}
	return []model.Case{
		{ID: "K-2026-0001", Citizen: citizen("Åse Fiktivsen", "0101901234"), Events: []model.Event{
			referral("2026-11-16", "housing_association"), assigned("2026-11-17", "anne")}},
		{ID: "K-2026-0002", Citizen: citizen("Bjørn Prøvesen", "1502851235"), Events: []model.Event{
			referral("2026-11-18", "doctor"), assigned("2026-11-23", "bo"), attempt("2026-11-24", "phone", true)}},
		{ID: "K-2026-0003", Citizen: citizen("Ditte Eksempel", "2007001236"), Events: []model.Event{
			referral("2026-10-20", "hospital"), assigned("2026-10-21", "anne"), attempt("2026-10-22", "visit", true),
			ev(model.FirstMeeting, "2026-10-27"), ev(model.AdviceGiven, "2026-10-28")}},
		{ID: "K-2026-0004", Citizen: citizen("Erik Demo", "0303601237"), Events: []model.Event{
			referral("2026-11-20", "citizen_or_relative")}},
		{ID: "K-2026-0005", Citizen: citizen("Frida Testrup", "0404041238"), Events: []model.Event{
			referral("2026-11-24", "police")}},
		{ID: "K-2026-0006", Citizen: citizen("Gorm Afvist", "0505551239"), Events: []model.Event{
			referral("2026-11-02", "neighbour"), ev(model.Rejected, "2026-11-03")}},
		{ID: "K-2026-0007", Citizen: citizen("Hanne Afsluttet", "0606661230"), Events: []model.Event{
			referral("2026-05-01", "doctor"), assigned("2026-05-04", "bo"), attempt("2026-05-05", "phone", true),
			ev(model.FirstMeeting, "2026-05-07"), ev(model.AdviceGiven, "2026-05-08"), ev(model.NeedsAssessed, "2026-05-20"),
			ev(model.Closed, "2026-06-01")}},
		{ID: "K-2026-0008", Citizen: citizen("Ib Opgavesen", "0707771231"), Events: []model.Event{
			referral("2026-11-02", "other_municipal_unit"), assigned("2026-11-03", "bo"), attempt("2026-11-04", "sms", false),
			attempt("2026-11-05", "visit", true), ev(model.FirstMeeting, "2026-11-10"), ev(model.AdviceGiven, "2026-11-11")},
			Tasks: []model.Task{{Title: "Ring til boligforeningen", Owner: "bo", Due: td("2026-11-26")}}},
	}
}

// newTestCommon opens a fresh store with the fixture and a desk context with
// a fixed clock, ASCII colours and the given size.
func newTestCommon(t *testing.T, lang Lang) *Common {
	t.Helper()
	return newTestCommonClock(t, lang, func() time.Time { return testNow })
}

// newTestCommonClock is newTestCommon with the store's own clock, which
// stamps the audit log.
func newTestCommonClock(t *testing.T, lang Lang, storeNow func() time.Time) *Common {
	t.Helper()
	st, err := db.Open(filepath.Join(t.TempDir(), "t.db"), db.Options{Now: storeNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cases := fixtureCases()
	for i := range cases {
		model.Validate(&cases[i])
	}
	// The desk's user imported them: no one else is in the audit log.
	if err := st.Import(cases, "anne"); err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := NewCommon(st, "anne", model.Coordinator, lang, func() time.Time { return testNow }, r)
	return c
}

// drive feeds messages to a model and runs the commands they return, at
// once and in order, so a test sees exactly what a user would after each
// key. Quitting stops the run.
func drive(m tea.Model, msgs ...tea.Msg) (tea.Model, bool) {
	queue := append([]tea.Msg(nil), msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, quit := msg.(tea.QuitMsg); quit {
			return m, true
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(runCmd(cmd), queue...)
	}
	return m, false
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	start := time.Now()
	msg := cmd()
	if time.Since(start) > 200*time.Millisecond {
		panic(fmt.Sprintf("a command took %s: a timer or a blinking cursor? (%T)", time.Since(start), msg))
	}
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	// tea.Sequence's message is an unexported []tea.Cmd: run its commands in order.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			out = append(out, runCmd(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// keys turns "down down enter" into key messages. Words that are not key
// names are typed as runes, so Danish letters arrive as a user types them;
// write a space inside text as "space".
func keys(s string) []tea.Msg {
	names := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC, "backspace": tea.KeyBackspace,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "space": tea.KeySpace, "f1": tea.KeyF1,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
	var out []tea.Msg
	for _, w := range strings.Fields(s) {
		if k, ok := names[w]; ok {
			if k == tea.KeySpace {
				out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
				continue
			}
			out = append(out, tea.KeyMsg{Type: k})
			continue
		}
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
	}
	return out
}

// typeText types s rune by rune, spaces included.
func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		if r == ' ' {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// startApp opens the desk at the test size, its first reads done (the
// start's commands run here, at once, as drive runs every command).
func startApp(t *testing.T, c *Common) *App {
	t.Helper()
	a := New(c)
	m, _ := drive(a, append(runCmd(a.Init()), tea.WindowSizeMsg{Width: testW, Height: testH})...)
	return m.(*App)
}

// send drives the app with messages and returns it.
func send(t *testing.T, a *App, msgs ...tea.Msg) *App {
	t.Helper()
	m, _ := drive(a, msgs...)
	return m.(*App)
}

// requireGolden compares a view with testdata/<test name>.golden; run
// `go test ./tui -update` to rewrite the files after a deliberate change.
func requireGolden(t *testing.T, view string) {
	t.Helper()
	golden.RequireEqual(t, []byte(view))
}

// The tests' own changes to the store, made as another desk's coordinator
// would (who may change every case) on whatever version the case has.
func asCoordinator(name string) model.Actor { return model.Actor{Name: name, Role: model.Coordinator} }

func storeEdit(c *Common, id, user string, fn func(*model.Case) (string, error)) error {
	_, err := c.Store.Change(asCoordinator(user), id, db.AnyVersion, db.Change{Action: "edit", Apply: fn})
	return err
}

func storeRecord(c *Common, id, user string, e model.Event) error {
	_, err := c.Store.Record(asCoordinator(user), id, db.AnyVersion, e, nil)
	return err
}
