package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tovholder/db"
	"tovholder/model"
)

// TestMain keeps the tests away from the user's own configuration and
// database: both default locations point into a temporary directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tovholder-cli-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type cliResult struct {
	code           int
	stdout, stderr string
}

func cliRun(t *testing.T, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return cliResult{code, out.String(), errb.String()}
}

// cliMustRun runs a command that must succeed and returns its output.
func cliMustRun(t *testing.T, args ...string) string {
	t.Helper()
	r := cliRun(t, args...)
	if r.code != 0 {
		t.Fatalf("tovholder %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

func cliWrite(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// cliQueueFile has one case of each kind the queue shows, and one it hides.
const cliQueueFile = `{
  "format": "tovholder/v1",
  "cases": [
    {"id": "K-1", "citizen": {"name": "Anne", "cpr": "010190-1234"},
     "events": [{"type": "referral_received", "date": "2026-10-30"}, {"type": "assigned", "date": "2026-11-02", "to": "anne"}]},
    {"id": "K-2", "events": [{"type": "assigned", "date": "2026-11-03", "to": "bo"}]},
    {"id": "K-3", "events": [{"type": "referral_received", "date": "2026-11-01"}]},
    {"id": "K-4", "events": [{"type": "referral_received", "date": "2026-11-01"}, {"type": "rejected", "date": "2026-11-02"}]},
    {"id": "K-0", "tasks": [{"title": "call", "owner": "anne", "due": "2026-11-20", "done": false}],
     "events": [{"type": "assigned", "date": "2026-11-02"}, {"type": "first_meeting", "date": "2026-11-03"},
                {"type": "advice_given", "date": "2026-11-03"}, {"type": "needs_assessed", "date": "2026-11-03"}]}
  ]
}
`

// K-1: contact due WD(Mon 2026-11-02, 2) = 2026-11-04, overdue on the 5th.
// K-2: contact due WD(Tue 2026-11-03, 2) = 2026-11-05: due today is not overdue.
// K-0: everything met but its task. K-3: no deadline. K-4: rejected, absent.
const cliQueueJSON = `[{"case":"K-1","due":"2026-11-04","rule":"contact","overdue":true},` +
	`{"case":"K-2","due":"2026-11-05","rule":"contact","overdue":false},` +
	`{"case":"K-0","due":"2026-11-20","rule":"task","overdue":false},` +
	`{"case":"K-3","due":null,"rule":null,"overdue":false}]` + "\n"

func cliSetup(t *testing.T) (dir, dbPath string) {
	t.Helper()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "t.db")
	in := cliWrite(t, dir, "cases.json", cliQueueFile)
	cliMustRun(t, "import", "--db", dbPath, "--user", "tester", in)
	return dir, dbPath
}

func TestCLIQueueJSON(t *testing.T) {
	_, dbPath := cliSetup(t)
	got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-05", "--json")
	if got != cliQueueJSON {
		t.Errorf("queue --json:\n got  %s want %s", got, cliQueueJSON)
	}
	// The shape, independent of spelling: an array of objects with exactly
	// these four keys, due and rule strings or null, overdue a bool.
	var rows []map[string]any
	if err := json.Unmarshal([]byte(got), &rows); err != nil {
		t.Fatalf("not a JSON array of objects: %v", err)
	}
	for _, r := range rows {
		var keys []string
		for k := range r {
			keys = append(keys, k)
		}
		if len(r) != 4 || r["case"] == nil {
			t.Errorf("row %v has keys %v", r, keys)
		}
		if _, ok := r["overdue"].(bool); !ok {
			t.Errorf("overdue not a bool in %v", r)
		}
		for _, k := range []string{"due", "rule"} {
			v, present := r[k]
			if _, isStr := v.(string); !present || (v != nil && !isStr) {
				t.Errorf("%s in %v is neither a string nor null", k, r)
			}
		}
	}

	// Flags in another order, and before the subcommand's positional-free tail.
	if got2 := cliMustRun(t, "queue", "--json", "--today", "2026-11-05", "--db", dbPath); got2 != got {
		t.Errorf("flag order changes the output:\n%s", got2)
	}
	// On the 4th nothing is overdue yet.
	if got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-04", "--json"); strings.Contains(got, "true") {
		t.Errorf("due today counted as overdue: %s", got)
	}
}

func TestCLIQueueLimit(t *testing.T) {
	_, dbPath := cliSetup(t)
	for _, tt := range []struct {
		limit string
		want  int
	}{{"1", 1}, {"2", 2}, {"4", 4}, {"100", 4}, {"0", 0}} { // "only the first N": 0 prints none
		got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-05", "--json", "--limit", tt.limit)
		var rows []struct {
			Case string `json:"case"`
		}
		if err := json.Unmarshal([]byte(got), &rows); err != nil {
			t.Fatalf("--limit %s: %v\n%s", tt.limit, err, got)
		}
		if len(rows) != tt.want {
			t.Errorf("--limit %s printed %d rows, want %d", tt.limit, len(rows), tt.want)
		}
		if tt.want == 2 && (rows[0].Case != "K-1" || rows[1].Case != "K-2") {
			t.Errorf("--limit 2 printed %v, want the first two of the queue", rows)
		}
	}
	want2 := `[{"case":"K-1","due":"2026-11-04","rule":"contact","overdue":true},` +
		`{"case":"K-2","due":"2026-11-05","rule":"contact","overdue":false}]` + "\n"
	if got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-05", "--json", "--limit", "2"); got != want2 {
		t.Errorf("--limit 2 output %q, want %q", got, want2)
	}
	r := cliRun(t, "queue", "--db", dbPath, "--json", "--limit", "-1")
	if r.code == 0 || !strings.Contains(r.stderr, "--limit") {
		t.Errorf("--limit -1: exit %d, %q", r.code, r.stderr)
	}
}

func TestCLIQueueTable(t *testing.T) {
	_, dbPath := cliSetup(t)
	got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-05")
	want := "" +
		"CASE  DUE         RULE     OVERDUE\n" +
		"K-1   2026-11-04  contact  yes\n" +
		"K-2   2026-11-05  contact  no\n" +
		"K-0   2026-11-20  task     no\n" +
		"K-3   -           -        no\n"
	if got != want {
		t.Errorf("queue table:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "0101901234") {
		t.Error("the queue shows a CPR number")
	}
}

func TestCLIQueueEmptyAndErrors(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "t.db")
	cliMustRun(t, "import", "--db", dbPath, cliWrite(t, dir, "empty.json", `{"format": "tovholder/v1", "cases": []}`))
	if got := cliMustRun(t, "queue", "--db", dbPath, "--json"); got != "[]\n" {
		t.Errorf("empty queue --json = %q, want []", got)
	}
	if got := cliMustRun(t, "queue", "--db", dbPath); got != "CASE  DUE  RULE  OVERDUE\n" {
		t.Errorf("empty queue table = %q", got)
	}
	if got := cliMustRun(t, "export", "--db", dbPath); got != "{\n  \"format\": \"tovholder/v1\",\n  \"cases\": []\n}\n" {
		t.Errorf("empty export = %q", got)
	}

	for _, args := range [][]string{
		{"queue", "--db", dbPath, "--today", "2026-02-30"},
		{"queue", "--db", dbPath, "--today", "tomorrow"},
		{"queue", "--db", dbPath, "extra"},
		{"queue", "--db", dbPath, "--nope"},
		{"export", "--db", dbPath, "extra"},
		{"import", "--db", dbPath},
		{"import", "--db", dbPath, filepath.Join(dir, "missing.json")},
	} {
		r := cliRun(t, args...)
		if r.code == 0 || r.stderr == "" {
			t.Errorf("tovholder %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	missing := filepath.Join(dir, "missing.db")
	for _, cmd := range []string{"queue", "export"} {
		r := cliRun(t, cmd, "--db", missing)
		if r.code == 0 || !strings.Contains(r.stderr, "no database") || !strings.Contains(r.stderr, missing) {
			t.Errorf("%s of a missing database: exit %d, %q", cmd, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("reading a missing database created it")
	}
	if r := cliRun(t, "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "frobnicate") {
		t.Errorf("unknown command: exit %d, %q", r.code, r.stderr)
	}
	if r := cliRun(t, "help"); r.code != 0 || !strings.Contains(r.stdout, "queue") {
		t.Errorf("help: exit %d, %q", r.code, r.stdout)
	}
}

func TestCLIConfigCalendar(t *testing.T) {
	dir, dbPath := cliSetup(t)
	cfg := cliWrite(t, dir, "config.json", `{"calendar": {"closures": ["2026-11-04"]}}`)
	got := cliMustRun(t, "queue", "--db", dbPath, "--config", cfg, "--today", "2026-11-05", "--json", "--limit", "1")
	if want := `[{"case":"K-1","due":"2026-11-05","rule":"contact","overdue":false}]` + "\n"; got != want {
		t.Errorf("with a closure on 2026-11-04: %s want %s", got, want)
	}
	bad := cliWrite(t, dir, "bad.json", `{"calendar": {"closures": ["2026-11-31"]}}`)
	if r := cliRun(t, "queue", "--db", dbPath, "--config", bad); r.code == 0 || !strings.Contains(r.stderr, "bad.json") {
		t.Errorf("a bad configuration: exit %d, %q", r.code, r.stderr)
	}
	if r := cliRun(t, "queue", "--db", dbPath, "--config", filepath.Join(dir, "none.json")); r.code == 0 {
		t.Error("a missing configuration file given with --config was ignored")
	}
}

const cliRichFile = `{
  "format": "tovholder/v1",
  "cases": [
    {
      "id": "K-2026-0002",
      "citizen": { "name": "Åse <Ørnsø> & co", "cpr": "0101901234", "address": "Vej 1", "phone": "12345678", "email": "a@example.dk" },
      "screening": { "date": "2026-11-01", "category1": ["c1_no_help"], "recommended": true, "in_target_group": true },
      "events": [
        { "type": "referral_received", "date": "2026-11-02", "source": "housing association", "referrer": "Bo", "received_by": "kim", "note": "secret" },
        { "type": "assigned", "date": "2026-11-03", "to": "anne", "by": "kim" },
        { "type": "contact_attempt", "date": "2026-11-04", "channel": "phone", "reached": false },
        { "type": "contact_attempt", "date": "2026-11-05", "channel": "visit", "reached": true },
        { "type": "first_meeting", "date": "2026-11-10", "place": "café" },
        { "type": "advice_given", "date": "2026-11-11" },
        { "type": "coordination_planned", "date": "2026-11-10", "scope": "external" },
        { "type": "meeting_held", "date": "2026-11-24", "kind": "coordinating" },
        { "type": "minutes_sent", "date": "2026-11-26" },
        { "type": "needs_assessed", "date": "2026-12-01", "outcome": "ok" },
        { "type": "closed", "date": "2027-02-01", "reason": "handed over to ordinary casework" },
        { "type": "followup_done", "date": "2027-06-01" }
      ],
      "goals": [ { "title": "a home", "follow_up": "2026-12-15", "followed_up": false } ],
      "tasks": [ { "title": "call", "owner": "anne", "due": "2026-12-03", "done": false } ]
    },
    { "id": "K-2026-0001", "profile": "fremskudt", "citizen": { "cpr": "311299-4321" } },
    { "id": "a-lower" }
  ]
}
`

func TestCLIExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "1.db"), filepath.Join(dir, "2.db")
	cliMustRun(t, "import", "--db", db1, "--user", "tester", cliWrite(t, dir, "in.json", cliRichFile))
	out1 := cliMustRun(t, "export", "--db", db1)

	// The export is the input, normalised and in id order.
	cases, err := model.DecodeFile([]byte(cliRichFile))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	model.EncodeFile(&want, []model.Case{cases[1], cases[0], cases[2]})
	if out1 != want.String() {
		t.Errorf("export differs from the normalised input:\n%s\n---\n%s", out1, want.String())
	}
	for _, s := range []string{`"reached": false`, `"cpr": "3112994321"`, `"profile": "fremskudt"`, `<Ørnsø> &`} {
		if !strings.Contains(out1, s) {
			t.Errorf("export lacks %s", s)
		}
	}

	cliMustRun(t, "import", "--db", db2, cliWrite(t, dir, "export1.json", out1))
	out2 := cliMustRun(t, "export", "--db", db2)
	if out1 != out2 {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", out1, out2)
	}

	red := cliMustRun(t, "export", "--db", db1, "--redact")
	// Redact drops everything about the citizen, the name too (a name
	// identifies a person as well as a CPR number does).
	for _, s := range []string{"0101901234", "3112994321", "secret", "12345678", "a@example.dk", "screening", "Åse"} {
		if strings.Contains(red, s) {
			t.Errorf("redacted export contains %q", s)
		}
	}
	if !strings.Contains(red, `"date": "2026-11-02"`) {
		t.Error("redacted export lost the events' dates")
	}
	if _, err := model.DecodeFile([]byte(red)); err != nil {
		t.Errorf("redacted export does not decode: %v", err)
	}

	// The audit log names the user given with --user.
	st, err := db.Open(db1, db.Options{ReadOnly: true, LockTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := st.History("K-2026-0002")
	if err != nil || len(h) != 1 || h[0].User != "tester" || h[0].Action != "import" {
		t.Errorf("history after import --user tester: %+v, %v", h, err)
	}
}

func TestCLIBackup(t *testing.T) {
	dir, dbPath := cliSetup(t)
	out := filepath.Join(dir, "copy.db")
	cliMustRun(t, "backup", "--db", dbPath, out)
	if a, b := cliMustRun(t, "export", "--db", dbPath), cliMustRun(t, "export", "--db", out); a != b {
		t.Errorf("the backup exports differently:\n%s\n---\n%s", a, b)
	}
	if r := cliRun(t, "backup", "--db", dbPath, out); r.code == 0 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("backup over an existing file: exit %d, %q", r.code, r.stderr)
	}
}

func TestCLIImportErrors(t *testing.T) {
	dir, dbPath := cliSetup(t)
	before := cliMustRun(t, "export", "--db", dbPath)
	file := func(cases ...string) string {
		return `{"format": "tovholder/v1", "cases": [` + strings.Join(cases, ",") + `]}`
	}
	good := `{"id": "K-new", "events": [{"type": "assigned", "date": "2026-11-02"}]}`
	tests := []struct {
		name, content string
		want          []string
	}{
		{"unknown event type", file(good, `{"id": "K-9", "events": [{"type": "phone_call", "date": "2026-11-02"}]}`),
			[]string{`"K-9"`, "events[0].type", "phone_call"}},
		{"bad date", file(good, `{"id": "K-9", "events": [{"type": "assigned", "date": "2026-02-30"}]}`),
			[]string{`"K-9"`, "events[0].date", "2026-02-30"}},
		{"short date", file(good, `{"id": "K-9", "events": [{"type": "assigned", "date": "2026-1-5"}]}`),
			[]string{`"K-9"`, "events[0].date", "2026-1-5"}},
		{"bad CPR", file(good, `{"id": "K-9", "citizen": {"cpr": "3102901234"}}`),
			[]string{`"K-9"`, "citizen.cpr"}},
		{"CPR with letters", file(good, `{"id": "K-9", "citizen": {"cpr": "01019O1234"}}`),
			[]string{`"K-9"`, "citizen.cpr"}},
		{"duplicate id in the file", file(good, `{"id": "K-9"}`, `{"id": "K-9"}`),
			[]string{`"K-9"`, "id", "twice"}},
		{"id already in the database", file(good, `{"id": "K-2"}`),
			[]string{`"K-2"`, "id", "exists already"}},
		{"unknown field", file(good, `{"id": "K-9", "colour": "red"}`),
			[]string{`"K-9"`, "colour"}},
		{"bad channel", file(good, `{"id": "K-9", "events": [{"type": "contact_attempt", "date": "2026-11-02", "channel": "pigeon"}]}`),
			[]string{`"K-9"`, "events[0].channel", "pigeon"}},
		{"missing id", file(good, `{"events": []}`),
			[]string{"cases[1]", "id"}},
		{"malformed JSON", "{\n  \"cases\": [\n    {\"id\": \"K-9\",}\n  ]\n}\n",
			[]string{"line 3", "column"}},
		{"wrong format", `{"format": "other/v9", "cases": []}`,
			[]string{"other/v9"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := cliWrite(t, dir, "bad"+string(rune('a'+i))+".json", tt.content)
			r := cliRun(t, "import", "--db", dbPath, "--user", "tester", in)
			if r.code == 0 {
				t.Fatalf("import succeeded; stdout %q", r.stdout)
			}
			for _, w := range append(tt.want, "nothing was imported") {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not mention %q", r.stderr, w)
				}
			}
			if strings.Contains(r.stderr, "K-new") {
				t.Errorf("the error names the good case: %q", r.stderr)
			}
			if after := cliMustRun(t, "export", "--db", dbPath); after != before {
				t.Errorf("the database changed:\n%s", after)
			}
		})
	}

	// A file that fails to decode does not even create a new database.
	fresh := filepath.Join(dir, "fresh.db")
	in := cliWrite(t, dir, "bad.json", file(`{"id": "K-9", "events": [{"type": "bogus", "date": "2026-11-02"}]}`))
	if r := cliRun(t, "import", "--db", fresh, in); r.code == 0 {
		t.Fatal("import of a bad file succeeded")
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed import created %s", fresh)
	}
}

// cliHold opens the database in this process and keeps it until the test ends.
func cliHold(t *testing.T, path string) {
	t.Helper()
	st, err := db.Open(path, db.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
}

func TestCLILockedDatabase(t *testing.T) {
	t.Parallel()
	dir, dbPath := cliSetup(t)
	in := cliWrite(t, dir, "more.json", `{"format": "tovholder/v1", "cases": [{"id": "K-new"}]}`)
	cliHold(t, dbPath)

	commands := [][]string{
		{"queue", "--db", dbPath, "--json"},
		{"export", "--db", dbPath},
		{"import", "--db", dbPath, in},
	}
	var wg sync.WaitGroup
	results := make([]cliResult, len(commands))
	took := make([]time.Duration, len(commands))
	for i, args := range commands {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			var out, errb bytes.Buffer
			code := run(args, strings.NewReader(""), &out, &errb)
			results[i], took[i] = cliResult{code, out.String(), errb.String()}, time.Since(start)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code == 0 {
			t.Errorf("%s on a held database succeeded", commands[i][0])
			continue
		}
		if !strings.Contains(r.stderr, "in use") {
			t.Errorf("%s: stderr %q does not say the database is in use", commands[i][0], r.stderr)
		}
		if took[i] > 5*time.Second {
			t.Errorf("%s took %s to give up", commands[i][0], took[i])
		}
	}
}

// TestCLIBinary builds the real program and runs it as a separate process.
func TestCLIBinary(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tovholder")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "t.db")
	in := cliWrite(t, dir, "cases.json", cliQueueFile)

	exe := func(timeout time.Duration, args ...string) (code int, stdout, stderr string, took time.Duration) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		start := time.Now()
		err := cmd.Run()
		took = time.Since(start)
		if ctx.Err() != nil {
			t.Fatalf("tovholder %v did not finish within %s", args, timeout)
		}
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			code = ee.ExitCode()
		case err != nil:
			t.Fatalf("run %v: %v", args, err)
		}
		return code, out.String(), errb.String(), took
	}

	code, _, stderr, _ := exe(10*time.Second, "import", "--db", dbPath, "--user", "tester", in)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "imported 5 cases") {
		t.Errorf("import says %q", stderr)
	}
	code, stdout, stderr, _ := exe(10*time.Second, "queue", "--db", dbPath, "--today", "2026-11-05", "--json")
	if code != 0 || stdout != cliQueueJSON {
		t.Errorf("queue --json: exit %d, %q, stderr %q\nwant %q", code, stdout, stderr, cliQueueJSON)
	}
	code, stdout, _, _ = exe(10*time.Second, "queue", "--db", dbPath, "--today", "2026-11-05", "--json", "--limit", "1")
	if code != 0 || stdout != `[{"case":"K-1","due":"2026-11-04","rule":"contact","overdue":true}]`+"\n" {
		t.Errorf("queue --limit 1: exit %d, %q", code, stdout)
	}

	// Another holder of the database: this test process.
	cliHold(t, dbPath)
	more := cliWrite(t, dir, "more.json", `{"format": "tovholder/v1", "cases": [{"id": "K-new"}]}`)
	type res struct {
		code   int
		stderr string
		took   time.Duration
	}
	var wg sync.WaitGroup
	results := map[string]*res{"import": {}, "queue": {}}
	var mu sync.Mutex
	for name, args := range map[string][]string{
		"import": {"import", "--db", dbPath, more},
		"queue":  {"queue", "--db", dbPath, "--json"},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, stderr, took := exe(10*time.Second, args...)
			mu.Lock()
			*results[name] = res{code, stderr, took}
			mu.Unlock()
		}()
	}
	wg.Wait()
	for name, r := range results {
		if r.code == 0 {
			t.Errorf("%s succeeded while another process held the database", name)
		}
		if !strings.Contains(r.stderr, "in use") {
			t.Errorf("%s: stderr %q does not say the database is in use", name, r.stderr)
		}
		if r.took > 5*time.Second {
			t.Errorf("%s took %s to give up", name, r.took)
		}
	}
}

// The flags the usage text documents are the flags the commands take.
func TestCLIUsageMentionsCommands(t *testing.T) {
	r := cliRun(t, "help")
	for _, s := range []string{"import", "export", "queue", "backup", "--db", "--user", "--config", "--limit", "--json", "--today"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("usage lacks %s", s)
		}
	}
	if !reflect.DeepEqual(r.stderr, "") {
		t.Errorf("help wrote to stderr: %q", r.stderr)
	}
}

// An import reports every problem of the file at once, each naming its
// case and field, and writes nothing.
func TestCLIImportReportsEveryProblem(t *testing.T) {
	dir, dbPath := cliSetup(t)
	before := cliMustRun(t, "export", "--db", dbPath)
	in := cliWrite(t, dir, "bad.json", `{"format": "tovholder/v1", "cases": [
		{"id": "K-new"},
		{"ID": "K-9", "events": [{"type": "assigned", "date": "2026-02-30"}, {"type": "bogus", "date": "2026-11-02"}]},
		{"id": "K-1"},
		{"id": "K-10", "citizen": {"cpr": 123}, "colour": "red", "id": "K-11"}]}`)
	r := cliRun(t, "import", "--db", dbPath, in)
	if r.code == 0 {
		t.Fatal("import succeeded")
	}
	want := []string{
		"nothing was imported",
		`cases[1] (no id): ID: unknown field; did you mean "id"?`,
		`cases[1] (no id): events[0].date: "2026-02-30" is not a real date`,
		`cases[1] (no id): events[1].type: unknown event type "bogus"`,
		`case "K-1": id: exists already in the database`,
		`case "K-10": citizen.cpr: expected text, found a JSON number`,
		`case "K-10": colour: unknown field`,
		`case "K-10": id: appears more than once`,
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "K-new") {
		t.Errorf("the error names the good case: %s", r.stderr)
	}
	if after := cliMustRun(t, "export", "--db", dbPath); after != before {
		t.Errorf("the database changed:\n%s", after)
	}
}

// A new database is made aside and put in place only when the import
// succeeds: a failed import leaves nothing behind, a good one only the
// database.
func TestCLIImportNewDatabase(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "new.db")
	bad := cliWrite(t, dir, "bad.json", `{"format": "tovholder/v1", "cases": [{"id": "K-1"}, {"id": "K-1"}]}`)
	if r := cliRun(t, "import", "--db", dbPath, bad); r.code == 0 || !strings.Contains(r.stderr, "twice") {
		t.Fatalf("import of a bad file: exit %d, %q", r.code, r.stderr)
	}
	entries := func() []string {
		var names []string
		des, _ := os.ReadDir(dir)
		for _, de := range des {
			names = append(names, de.Name())
		}
		return names
	}
	if got := entries(); !reflect.DeepEqual(got, []string{"bad.json"}) {
		t.Errorf("a failed import left %v", got)
	}
	good := cliWrite(t, dir, "good.json", cliQueueFile)
	r := cliRun(t, "import", "--db", dbPath, "--user", "tester", good)
	if r.code != 0 || r.stderr != "imported 5 cases into "+dbPath+"\n" {
		t.Fatalf("import: exit %d, %q", r.code, r.stderr)
	}
	if got := entries(); !reflect.DeepEqual(got, []string{"bad.json", "good.json", "new.db"}) {
		t.Errorf("after an import the folder holds %v", got)
	}
	if got := cliMustRun(t, "queue", "--db", dbPath, "--today", "2026-11-05", "--json"); got != cliQueueJSON {
		t.Errorf("queue of the new database: %s", got)
	}
}

// Export writes out what the format leaves implicit (Normalize), also for
// cases stored before the defaults were written, so that a round trip
// makes them explicit; and it writes to standard error nothing but errors
// (no progress bar: not a terminal).
func TestCLIExportWritesDefaults(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "t.db")
	st, err := db.Open(dbPath, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Import takes cases as they are: these are stored without defaults.
	d := model.MakeDate(2026, 11, 2)
	err = st.Import([]model.Case{{ID: "K-1", Events: []model.Event{
		{Type: model.Assigned, Date: d, To: "anne"},
		{Type: model.ContactAttempt, Date: d, Channel: "phone"},
		{Type: model.CoordinationPlanned, Date: d},
		{Type: model.MeetingHeld, Date: d}}}}, "old")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, "export", "--db", dbPath)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("export: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, w := range []string{`"profile": "fremskudt"`, `"reached": false`, `"scope": "internal"`, `"kind": "followup"`} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("export lacks %s:\n%s", w, r.stdout)
		}
	}
	// Import, export again: the same bytes.
	db2 := filepath.Join(dir, "2.db")
	cliMustRun(t, "import", "--db", db2, cliWrite(t, dir, "out.json", r.stdout))
	if again := cliMustRun(t, "export", "--db", db2); again != r.stdout {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", again, r.stdout)
	}
}
