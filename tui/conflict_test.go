package tui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"tovholder/model"
)

// otherDesk is a second desk on the same store, as a second SSH session
// would have: its own Common, its own user.
func otherDesk(c *Common, user string, role model.Role, lang Lang) *Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return NewCommon(c.Store, user, role, lang, c.Now, r)
}

// Two desks open one case. kim saves a contact attempt first; anne's save,
// made on the version she saw, is refused with kim's name, what he did and
// when, and her form stays as she typed it. Her second ctrl+s saves on top
// of the new version, and the case holds both attempts.
func TestConflictTwoDesks(t *testing.T) {
	anne := newTestCommon(t, Danish)
	anne.Role = model.Caseworker // she holds K-2026-0001
	kim := otherDesk(anne, "kim", model.Coordinator, Danish)
	a := caseOpen(t, anne, "K-2026-0001")
	k := caseOpen(t, kim, "K-2026-0001")

	a = send(t, a, keys("c tab")...)
	a = send(t, a, typeText("sms")...)
	a = send(t, a, keys("tab tab")...)
	a = send(t, a, typeText("Skrev til borgeren")...)

	k = send(t, k, keys("c tab")...)
	k = send(t, k, typeText("tel")...)
	k = send(t, k, keys("ctrl+s")...)
	if _, ok := k.top().(*CaseView); !ok || k.status.text != "Gemt." {
		t.Fatalf("kim's save: top %T, status %q", k.top(), k.status.text)
	}

	a = send(t, a, keys("ctrl+s")...)
	f, ok := a.top().(*Form)
	if !ok {
		t.Fatalf("anne's save on an older version: top %T, status %q; the form should stay", a.top(), a.status.text)
	}
	want := "kim registrerede kontaktforsøg kl. 13:00, efter du så sagen. Tryk ctrl+s igen"
	if !a.status.err || !strings.Contains(a.status.text, want) {
		t.Errorf("status %q (error %v), want it to say %q", a.status.text, a.status.err, want)
	}
	if v := a.View(); !strings.Contains(v, "! kim registrerede kontaktforsøg kl. 13:00") || !strings.Contains(v, "Fejl: kim registrerede") {
		t.Errorf("the form and the error line should say who changed what and when:\n%s", v)
	}
	if f.Chosen("channel") != "sms" || f.Value("note") != "Skrev til borgeren" {
		t.Errorf("anne's input is lost: channel %q, note %q", f.Chosen("channel"), f.Value("note"))
	}
	// The case beneath shows kim's attempt already.
	v := a.stack[len(a.stack)-2].(*CaseView)
	if want, _ := anne.Store.Version("K-2026-0001"); v.version != want || len(v.cs.ContactAttempts()) != 1 {
		t.Errorf("the case view was not read again: version %d (want %d), %d attempts", v.version, want, len(v.cs.ContactAttempts()))
	}

	a = send(t, a, keys("ctrl+s")...)
	if _, ok := a.top().(*CaseView); !ok || a.status.text != "Gemt." {
		t.Fatalf("anne's second save: top %T, status %q", a.top(), a.status.text)
	}
	var got []string
	for _, e := range caseEvents(t, anne, "K-2026-0001") {
		if e.Type == model.ContactAttempt {
			got = append(got, e.Channel+" by "+e.By+": "+e.Note)
		}
	}
	if strings.Join(got, " | ") != "phone by kim:  | sms by anne: Skrev til borgeren" {
		t.Errorf("contact attempts %q, want kim's and anne's", got)
	}
}

// The words of a conflict in English, and for the other kinds of change.
func TestConflictWords(t *testing.T) {
	anne := newTestCommon(t, English)
	kim := otherDesk(anne, "kim", model.Coordinator, English)
	a := caseOpen(t, anne, "K-2026-0003")
	k := caseOpen(t, kim, "K-2026-0003")
	a = send(t, a, keys("n")...)
	a = send(t, a, typeText("My note")...)
	k = send(t, k, keys("n")...)
	k = send(t, k, typeText("His note")...)
	k = send(t, k, keys("ctrl+s")...)
	k = send(t, k, keys("G u")...) // annul his note
	k = send(t, k, typeText("wrong case")...)
	send(t, k, keys("ctrl+s")...)
	a = send(t, a, keys("ctrl+s")...)
	want := "kim wrote a note at 13:00; kim annulled note at 13:00, after you saw the case. Press ctrl+s again to save yours on top of the new version; the rules are checked again."
	if a.status.text != want {
		t.Errorf("status\n got %q\nwant %q", a.status.text, want)
	}
	requireGolden(t, a.View())
}
