package db

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tovholder/model"
)

// changeStore holds two cases: A, assigned to anne, and U, not yet triaged.
func changeStore(t *testing.T) *Store {
	t.Helper()
	s := stOpen(t, filepath.Join(t.TempDir(), "c.db"), Options{Now: (&stClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}).now})
	a := stCase("A", stEv(model.ReferralReceived, "2026-11-02"), model.Event{Type: model.Assigned, Date: stDate("2026-11-03"), To: "anne"})
	a.Goals = []model.Goal{{Title: "bolig", FollowUp: stDate("2026-12-01")}}
	if err := s.Import([]model.Case{a, stCase("U", stEv(model.ReferralReceived, "2026-11-20"))}, "kim"); err != nil {
		t.Fatal(err)
	}
	return s
}

// Every operation that changes data, as each role, through the store's one
// write path: what the desk, the commands and the SSH commands all call.
func TestRolesForEveryChange(t *testing.T) {
	anne, bo := model.Actor{Name: "anne", Role: model.Caseworker}, model.Actor{Name: "bo", Role: model.Caseworker}
	kim, lis, root := model.Actor{Name: "kim", Role: model.Coordinator}, model.Actor{Name: "lis", Role: model.Leader}, model.Actor{Name: "root", Role: model.Admin}
	ev := func(typ model.EventType, to string) func(s *Store, a model.Actor) error {
		return func(s *Store, a model.Actor) error {
			e := model.Event{Type: typ, Date: stDate("2026-11-25"), To: to, Channel: "phone", Reason: "other", Note: "n"}
			if typ == model.ContactAttempt {
				no := false
				e.Reached = &no
			}
			id := "A"
			if typ == model.Rejected {
				id = "U"
			}
			_, err := s.Record(a, id, AnyVersion, e, nil)
			return err
		}
	}
	edit := func(action string) func(s *Store, a model.Actor) error {
		return func(s *Store, a model.Actor) error {
			_, err := s.Change(a, "A", AnyVersion, Change{Action: action, Apply: func(c *model.Case) (string, error) {
				c.Goals[0].FollowedUp, c.Goals[0].FollowedUpOn = true, stDate("2026-11-25")
				return "", nil
			}})
			return err
		}
	}
	create := func(s *Store, a model.Actor) error {
		_, err := s.CreateReferral(a, stCase("", stEv(model.ReferralReceived, "2026-11-25")), 2026)
		return err
	}
	type want map[string]string // actor name → problem code, "" for allowed
	for _, op := range []struct {
		name string
		do   func(s *Store, a model.Actor) error
		want want
	}{
		{"contact attempt", ev(model.ContactAttempt, ""), want{"anne": "", "bo": model.ProblemNotYours, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"note", ev(model.Note, ""), want{"anne": "", "bo": model.ProblemNotYours, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"reassign", ev(model.Assigned, "bo"), want{"anne": model.ProblemNotAllowed, "bo": model.ProblemNotAllowed, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"reject", ev(model.Rejected, ""), want{"anne": model.ProblemNotAllowed, "bo": model.ProblemNotAllowed, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"goal done", edit("done"), want{"anne": "", "bo": model.ProblemNotYours, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"annul", edit("annul"), want{"anne": "", "bo": model.ProblemNotYours, "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
		{"new referral", create, want{"anne": "", "bo": "", "kim": "", "lis": model.ProblemReadOnly, "root": model.ProblemReadOnly}},
	} {
		for _, a := range []model.Actor{anne, bo, kim, lis, root} {
			s := changeStore(t)
			before, _ := s.History("A")
			err := op.do(s, a)
			got := ""
			var re *RefusedError
			switch {
			case errors.As(err, &re):
				got = re.Problem.Code
			case err != nil:
				t.Fatalf("%s as %s: %v", op.name, a.Role, err)
			}
			if got != op.want[a.Name] {
				t.Errorf("%s as %s %s: %q, want %q", op.name, a.Role, a.Name, got, op.want[a.Name])
			}
			if after, _ := s.History("A"); got != "" && len(after) != len(before) {
				t.Errorf("%s as %s: refused, but the log grew", op.name, a.Name)
			}
		}
	}
}

// A change made on the version someone else has moved on is refused, says
// who changed what, and writes nothing; made on the new version it goes.
func TestChangeOnAnOlderVersionIsRefused(t *testing.T) {
	s := changeStore(t)
	anne, kim := model.Actor{Name: "anne", Role: model.Caseworker}, model.Actor{Name: "kim", Role: model.Coordinator}
	_, seenByAnne, err := s.OpenCase("A", "anne")
	if err != nil {
		t.Fatal(err)
	}
	_, seenByKim, _ := s.OpenCase("A", "kim")
	if seenByAnne != seenByKim || seenByAnne == 0 {
		t.Fatalf("versions %d, %d: opening moves no version, and an imported case has one", seenByAnne, seenByKim)
	}
	note := model.Event{Type: model.Note, Date: stDate("2026-11-25"), Note: "ringede"}
	v2, err := s.Record(kim, "A", seenByKim, note, nil)
	if err != nil || v2 <= seenByKim {
		t.Fatalf("kim's note: version %d, %v", v2, err)
	}
	no := false
	attempt := model.Event{Type: model.ContactAttempt, Date: stDate("2026-11-25"), Channel: "phone", Reached: &no}
	_, err = s.Record(anne, "A", seenByAnne, attempt, nil)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Changes) != 1 || ce.Changes[0].User != "kim" || ce.Changes[0].Action != "note" {
		t.Fatalf("anne's stale save: %v (%+v)", err, ce)
	}
	if !strings.Contains(err.Error(), "kim") {
		t.Errorf("the error does not say who: %v", err)
	}
	if c, _ := s.Case("A"); len(c.Events) != 3 {
		t.Fatalf("a refused save wrote: %d events", len(c.Events))
	}
	// Reading what is there now and saving again goes through.
	_, now, _ := s.CaseAt("A")
	if now != v2 {
		t.Fatalf("CaseAt version %d, want %d", now, v2)
	}
	if _, err := s.Record(anne, "A", now, attempt, nil); err != nil {
		t.Fatalf("anne's save on the new version: %v", err)
	}
	// An export or a printout is no change: it does not make a conflict.
	_, seen, _ := s.CaseAt("A")
	if err := s.LogAccess("lis", "print", "A", "agreement"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(anne, "A", seen, note, nil); err != nil {
		t.Fatalf("a save after a printout: %v", err)
	}
	if err := s.LogAccess("lis", "event", "A", ""); err == nil {
		t.Error("LogAccess wrote a change")
	}
}

// Two desks save the same case at the same moment, on the same version:
// exactly one save goes in.
func TestConcurrentSavesOneWins(t *testing.T) {
	s := changeStore(t)
	_, seen, _ := s.CaseAt("A")
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			_, err := s.Record(model.Actor{Name: "kim", Role: model.Coordinator}, "A", seen,
				model.Event{Type: model.Note, Date: stDate("2026-11-25"), Note: "n"}, nil)
			errs <- err
		}()
	}
	ok := 0
	for i := 0; i < 8; i++ {
		var ce *ConflictError
		switch err := <-errs; {
		case err == nil:
			ok++
		case !errors.As(err, &ce):
			t.Fatal(err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of 8 saves on one version went in, want 1", ok)
	}
}

// Every subscriber hears of every committed change, and of nothing refused.
func TestSubscribersHearCommittedChanges(t *testing.T) {
	s := changeStore(t)
	a, b := s.Subscribe(), s.Subscribe()
	defer a.Close()
	note := model.Event{Type: model.Note, Date: stDate("2026-11-25"), Note: "n"}
	if _, err := s.Record(model.Actor{Name: "bo", Role: model.Caseworker}, "A", AnyVersion, note, nil); err == nil {
		t.Fatal("bo may not write on anne's case")
	}
	v, err := s.Record(model.Actor{Name: "anne", Role: model.Caseworker}, "A", AnyVersion, note, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []*Subscription{a, b} {
		got := sub.Wait()
		if len(got) != 1 || got[0] != (Notice{Case: "A", User: "anne", Action: "note", Version: v}) {
			t.Fatalf("notices %+v", got)
		}
	}
	b.Close()
	if got := b.Wait(); got != nil {
		t.Fatalf("a closed subscription waits for %+v", got)
	}
	// An import is one notice for many cases.
	if err := s.Import([]model.Case{stCase("N", stEv(model.ReferralReceived, "2026-11-20"))}, "kim"); err != nil {
		t.Fatal(err)
	}
	if got := a.Wait(); len(got) != 1 || got[0].Case != "" || got[0].User != "kim" {
		t.Fatalf("import notices %+v", got)
	}
	// One that does not keep up gets one "many changed" notice, not a flood.
	for i := 0; i < maxPending+10; i++ {
		if _, err := s.Record(model.Actor{Name: "anne", Role: model.Caseworker}, "A", AnyVersion, note, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := a.Wait(); len(got) > maxPending || got[0].Case != "" {
		t.Fatalf("%d notices, first %+v", len(got), got[0])
	}
}

func TestUsers(t *testing.T) {
	s := changeStore(t)
	root := model.Actor{Name: "root", Role: model.Admin}
	k1 := Key{ID: "ssh-ed25519 AAAA1", Fingerprint: "SHA256:one"}
	if err := s.AddUser(root, User{Name: "anne", Role: model.Caseworker, Keys: []Key{k1}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(root, User{Name: "anne", Role: model.Leader}); err == nil {
		t.Error("a second anne")
	}
	if err := s.AddUser(root, User{Name: "bo", Role: model.Caseworker, Keys: []Key{k1}}); err == nil || !strings.Contains(err.Error(), "anne") {
		t.Errorf("anne's key for bo: %v", err)
	}
	if err := s.AddUser(root, User{Name: "bo", Role: "boss"}); err == nil {
		t.Error("role boss")
	}
	u, err := s.UserByKey(k1.ID)
	if err != nil || u.Name != "anne" || u.Role != model.Caseworker {
		t.Fatalf("UserByKey: %+v %v", u, err)
	}
	if _, err := s.UserByKey("ssh-ed25519 BBBB"); !errors.Is(err, ErrNoUser) {
		t.Errorf("unknown key: %v", err)
	}
	if err := s.AddKey(root, "anne", Key{ID: "ssh-rsa CCCC", Fingerprint: "SHA256:two"}); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.UserByKey("ssh-rsa CCCC"); u.Name != "anne" {
		t.Error("second key")
	}
	anne := model.Actor{Name: "anne", Role: model.Caseworker}
	if err := s.SetUserSettings(anne, "anne", "light", "en"); err != nil {
		t.Fatal(err) // her own
	}
	if err := s.SetUserSettings(anne, "anne", "pink", ""); err == nil {
		t.Error("theme pink")
	}
	note := model.Event{Type: model.Note, Date: stDate("2026-11-25"), Note: "n"}
	var re *RefusedError
	// Only an admin manages users; anyone their own settings.
	kim := model.Actor{Name: "kim", Role: model.Coordinator}
	for what, err := range map[string]error{
		"add":      s.AddUser(kim, User{Name: "eve", Role: model.Admin}),
		"key-add":  s.AddKey(anne, "anne", Key{ID: "ssh-ed25519 EVE", Fingerprint: "SHA256:eve"}),
		"disable":  s.DisableUser(kim, "anne"),
		"settings": s.SetUserSettings(kim, "anne", "dark", ""),
	} {
		var re *RefusedError
		if !errors.As(err, &re) || re.Problem.Code != model.ProblemNotAdmin {
			t.Errorf("%s by a non-admin: %v", what, err)
		}
	}
	// The account's role counts, not the one a desk was opened with.
	if _, err := s.Record(model.Actor{Name: "anne", Role: model.Coordinator}, "U", AnyVersion, note, nil); !errors.As(err, &re) || re.Problem.Code != model.ProblemUntriaged {
		t.Errorf("anne, a caseworker, as a coordinator: %v", err)
	}
	if err := s.DisableUser(root, "anne"); err != nil {
		t.Fatal(err)
	}
	// Her desk, still open, can change nothing from now on.
	if _, err := s.Record(anne, "A", AnyVersion, note, nil); !errors.As(err, &re) || re.Problem.Code != model.ProblemDisabled {
		t.Errorf("a disabled account's save: %v", err)
	}
	u, _ = s.UserNamed("anne")
	if !u.Disabled || u.Theme != "light" || u.Lang != "en" || len(u.Keys) != 2 {
		t.Fatalf("anne: %+v", u)
	}
	if err := s.DisableUser(root, "nobody"); !errors.Is(err, ErrNoUser) {
		t.Errorf("disable nobody: %v", err)
	}
	us, _ := s.Users()
	if len(us) != 1 || us[0].Name != "anne" {
		t.Fatalf("Users: %+v", us)
	}
	var actions []string
	s.Audit(func(e AuditEntry) bool {
		if strings.HasPrefix(e.Action, "user.") {
			actions = append(actions, e.Action)
		}
		return true
	})
	if strings.Join(actions, " ") != "user.add user.key-add user.set user.disable" {
		t.Errorf("audit: %v", actions)
	}
}

func TestAuditNewestFirst(t *testing.T) {
	s := changeStore(t)
	if _, _, err := s.OpenCase("A", "lis"); err != nil {
		t.Fatal(err)
	}
	var oldest, newest []string
	s.Audit(func(e AuditEntry) bool { oldest = append(oldest, e.Action+" "+e.Case); return true })
	s.AuditNewest(func(e AuditEntry) bool { newest = append(newest, e.Action+" "+e.Case); return true })
	if strings.Join(oldest, ",") != "import A,import U,open A" || strings.Join(newest, ",") != "open A,import U,import A" {
		t.Fatalf("oldest first %v, newest first %v", oldest, newest)
	}
	n := 0
	s.AuditNewest(func(AuditEntry) bool { n++; return false })
	if n != 1 {
		t.Fatalf("AuditNewest went on after false: %d", n)
	}
}

// Leaders, admins and disabled accounts are not offered as caseworkers.
func TestPeopleLeaveOutWhoDoesNoCasework(t *testing.T) {
	s := changeStore(t)
	root := model.Actor{Name: "root", Role: model.Admin}
	for _, u := range []User{{Name: "lis", Role: model.Leader}, {Name: "bo", Role: model.Caseworker}, {Name: "eva", Role: model.Caseworker}, {Name: "kim", Role: model.Coordinator}} {
		if err := s.AddUser(root, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DisableUser(root, "eva"); err != nil {
		t.Fatal(err)
	}
	got, err := s.People()
	if err != nil || strings.Join(got, " ") != "anne bo kim" {
		t.Fatalf("People: %v %v", got, err)
	}
}

// The method's documents are stored and read back whole.
func TestDocumentsStored(t *testing.T) {
	s := changeStore(t)
	yes := true
	c := stCase("D", stEv(model.ReferralReceived, "2026-11-02"))
	c.NetworkMap = &model.NetworkMap{PreparedBy: "anne", Updated: stDate("2026-11-20"), FullConsent: &yes,
		Rows: []model.NetworkRow{{Section: "health", HasContact: &yes, Name: "Egen læge", Email: "l@example.dk"}}}
	c.Agreements = []model.Agreement{{Saved: stDate("2026-11-20"), Situation: "a\nb", Goals: []model.Goal{{Title: "Bolig", Area: "housing", FollowUp: stDate("2027-01-04")}}}}
	c.Meetings = []model.Meeting{{Date: stDate("2026-12-10"), Start: "10:00", Invited: []model.Participant{{Name: "Kim", External: true}}, Items: []model.AgendaItem{{Topic: "Velkomst", Minutes: 5}}}}
	c.Consents = []model.Consent{{Date: stDate("2026-11-20"), Parties: []string{"gp"}, How: "oral", NotedBy: "anne"}}
	if err := s.Import([]model.Case{c}, "kim"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Case("D")
	model.Normalize(&c)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("stored %+v\nread   %+v (%v)", c, got, err)
	}
}
