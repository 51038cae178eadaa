package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	gossh "golang.org/x/crypto/ssh"

	"tovholder/db"
	"tovholder/model"
)

// cmdUser manages the accounts of a served desk: who may log in over SSH,
// with which keys, in which role.
func cmdUser(args []string, std stdio) error {
	return runLocal("user", new(userJob), args, std, "tovholder user add|list|disable|key-add|set … --db FILE")
}

// userJob is the user command's work, locally (as the file's operator,
// --user, who is named in the audit log) and over SSH (admins only; anyone
// may set their own theme and language).
type userJob struct {
	sub, name, file        string
	role, key, theme, lang string
	given                  []string // the flags given, by name
}

// userSubs are the subcommands and the flags each takes.
var userSubs = map[string][]string{
	"add":     {"role", "key", "theme", "lang"},
	"list":    nil,
	"disable": nil,
	"key-add": nil,
	"set":     {"theme", "lang"},
}

func (j *userJob) define(fs *flag.FlagSet) {
	str := func(name, usage string, p *string) {
		fs.Func(name, usage, func(v string) error {
			*p = v
			j.given = append(j.given, name)
			return nil
		})
	}
	str("role", "the new user's `ROLE`, for user add: caseworker, coordinator, leader or admin (default: none, user add needs it)", &j.role)
	str("key", "the `FILE` holding the user's public key, one authorized_keys line such as ~/.ssh/id_ed25519.pub, for user add; - reads standard input (default: none, user add needs it; over SSH the key comes on standard input)", &j.key)
	str("theme", "the user's `THEME`, light or dark: the desk over SSH cannot ask the terminal its background (default: dark)", &j.theme)
	str("lang", "the user's language, `da|en` (default: da)", &j.lang)
}

func (j *userJob) check(pos []string, remote bool) error {
	if len(pos) == 0 {
		return errors.New("give a subcommand: user add, list, disable, key-add or set (tovholder user --help)")
	}
	j.sub = pos[0]
	flags, ok := userSubs[j.sub]
	if !ok {
		return fmt.Errorf("unknown subcommand %q: user add, list, disable, key-add or set", j.sub)
	}
	for _, f := range j.given {
		if !slices.Contains(flags, f) {
			return fmt.Errorf("--%s is not a flag of user %s", f, j.sub)
		}
	}
	args := pos[1:]
	want := map[string]int{"add": 1, "list": 0, "disable": 1, "key-add": 2, "set": 1}[j.sub]
	if remote && j.sub == "key-add" {
		want = 1 // the key comes on standard input
		if len(args) == 2 && args[1] == "-" {
			args = args[:1]
		}
	}
	if len(args) != want {
		return fmt.Errorf("user %s takes %s", j.sub, map[string]string{
			"add": "one NAME", "list": "no arguments", "disable": "one NAME", "set": "one NAME",
			"key-add": map[bool]string{false: "a NAME and a key FILE", true: "a NAME (the key comes on standard input)"}[remote],
		}[j.sub])
	}
	if want > 0 {
		j.name = model.CleanLine(args[0])
	}
	if want > 1 {
		j.file = args[1]
	}
	switch j.sub {
	case "add":
		if _, err := model.ParseRole(j.role); err != nil {
			return fmt.Errorf("user add needs --role: %w", err)
		}
		if remote && j.key != "" && j.key != "-" {
			return errors.New("over SSH the key comes on standard input, not --key: ssh HOST user add NAME --role ROLE < KEY.pub")
		}
		if !remote && j.key == "" {
			return errors.New("user add needs --key FILE, the user's public key (such as their ~/.ssh/id_ed25519.pub)")
		}
		if j.key == "" {
			j.key = "-"
		}
	case "key-add":
		if remote {
			j.file = "-"
		}
	case "set":
		if j.theme == "" && j.lang == "" {
			return errors.New("user set changes --theme, --lang or both")
		}
	}
	if j.theme != "" && j.theme != "light" && j.theme != "dark" {
		return fmt.Errorf("--theme: unknown theme %q (light or dark)", j.theme)
	}
	if j.lang != "" && j.lang != "da" && j.lang != "en" {
		return fmt.Errorf("--lang: unknown language %q (da or en)", j.lang)
	}
	return nil
}

func (j *userJob) writes() bool { return j.sub != "list" }

func (j *userJob) run(e env) error {
	if e.remote && e.who.Role.MayManageUsers() != nil && !(j.sub == "set" && j.name == e.who.Name) {
		return refused(e.who, "user "+j.sub, "managing users is for admins (anyone may set their own --theme and --lang)")
	}
	by := e.who
	switch j.sub {
	case "add":
		k, err := readKey(j.key, e.std.in)
		if err != nil {
			return err
		}
		u := db.User{Name: j.name, Role: model.Role(j.role), Keys: []db.Key{k}, Theme: j.theme, Lang: j.lang}
		if err := e.st.AddUser(by, u); err != nil {
			return err
		}
		fmt.Fprintf(e.std.err, "added %s (%s) with key %s\n", j.name, j.role, k.Fingerprint)
	case "list":
		return listUsers(e.st, e.std.out)
	case "disable":
		if err := e.st.DisableUser(by, j.name); err != nil {
			return err
		}
		fmt.Fprintf(e.std.err, "disabled %s: refused from their next login on; their name stays on their cases and in the log\n", j.name)
	case "key-add":
		k, err := readKey(j.file, e.std.in)
		if err != nil {
			return err
		}
		if err := e.st.AddKey(by, j.name, k); err != nil {
			return err
		}
		fmt.Fprintf(e.std.err, "added key %s to %s\n", k.Fingerprint, j.name)
	case "set":
		if err := e.st.SetUserSettings(by, j.name, j.theme, j.lang); err != nil {
			return err
		}
		u, err := e.st.UserNamed(j.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.std.err, "%s: theme %s, language %s\n", j.name, themeOf(u), langOf(u))
	}
	return nil
}

// listUsers prints the accounts as a table, one line per key.
func listUsers(st *db.Store, w io.Writer) error {
	users, err := st.Users()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tDISABLED\tTHEME\tLANG\tKEYS")
	for _, u := range users {
		keys := []string{"-"}
		if len(u.Keys) > 0 {
			keys = keys[:0]
			for _, k := range u.Keys {
				keys = append(keys, strings.TrimSpace(k.Fingerprint+" "+model.CleanLine(k.Comment)))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", model.CleanLine(u.Name), u.Role, yesNo(u.Disabled), themeOf(u), langOf(u), keys[0])
		for _, k := range keys[1:] {
			fmt.Fprintf(tw, "\t\t\t\t\t%s\n", k)
		}
	}
	return tw.Flush()
}

// themeOf and langOf are a user's settings, with the defaults for those
// never set.
func themeOf(u db.User) string {
	if u.Theme == "" {
		return "dark"
	}
	return u.Theme
}

func langOf(u db.User) string {
	if u.Lang == "" {
		return "da"
	}
	return u.Lang
}

// keyID is a public key as the users table and the server match it: its
// type and base64 wire form, as an authorized_keys line has them.
func keyID(k gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

// readKey reads one public key from a file, or from in when the file is "-".
func readKey(file string, in io.Reader) (db.Key, error) {
	name := file
	var data []byte
	var err error
	if file == "-" {
		name = "standard input"
		data, err = io.ReadAll(io.LimitReader(in, 64<<10))
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return db.Key{}, err
	}
	return parseKey(data, name)
}

// parseKey reads one authorized_keys line. Its errors never repeat what the
// file holds: it may be a private key given by mistake.
func parseKey(data []byte, name string) (db.Key, error) {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0:
		return db.Key{}, fmt.Errorf("%s is empty: give a public key, one line such as ssh-ed25519 AAAA… anne@laptop", name)
	case bytes.HasPrefix(data, []byte("-----BEGIN")) || bytes.Contains(data, []byte("PRIVATE KEY")):
		return db.Key{}, fmt.Errorf("%s is a private key, which stays with its owner: give the public key (the .pub file beside it)", name)
	}
	pk, comment, options, rest, err := gossh.ParseAuthorizedKey(data)
	if err != nil {
		return db.Key{}, fmt.Errorf("%s holds no public key in authorized_keys form (one line such as ssh-ed25519 AAAA… anne@laptop): %v", name, err)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return db.Key{}, fmt.Errorf("%s holds more than one key: give one (user key-add adds more)", name)
	}
	if len(options) > 0 {
		return db.Key{}, fmt.Errorf("%s: the key has authorized_keys options (%s), which tovholder does not apply: give the key alone", name, strings.Join(options, ","))
	}
	if _, ok := pk.(*gossh.Certificate); ok {
		return db.Key{}, fmt.Errorf("%s is a certificate: give the plain public key", name)
	}
	return db.Key{ID: keyID(pk), Comment: model.CleanLine(comment), Fingerprint: gossh.FingerprintSHA256(pk)}, nil
}

// whoamiJob says who the caller is to the database: over SSH the account
// they logged in as; locally --user (or the login name), and the role the
// users table gives them, if it has them.
type whoamiJob struct{}

func (j *whoamiJob) define(fs *flag.FlagSet) {}

func (j *whoamiJob) check(pos []string, remote bool) error {
	if len(pos) > 0 {
		return errExtraArgs
	}
	return nil
}

func (j *whoamiJob) writes() bool { return false }

func (j *whoamiJob) run(e env) error {
	u, err := e.st.UserNamed(e.who.Name)
	if errors.Is(err, db.ErrNoUser) && !e.remote {
		fmt.Fprintf(e.std.out, "name:     %s\nrole:     not in the users table: the local desk takes --role (default coordinator)\n", model.CleanLine(e.who.Name))
		return nil
	}
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.std.out, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "name:\t%s\nrole:\t%s\ntheme:\t%s\nlanguage:\t%s\n", model.CleanLine(u.Name), u.Role, themeOf(u), langOf(u))
	if u.Disabled {
		fmt.Fprintf(tw, "disabled:\tyes\n")
	}
	if e.key != "" {
		fmt.Fprintf(tw, "key:\t%s\n", e.key)
	}
	return tw.Flush()
}

func cmdWhoami(args []string, std stdio) error {
	return runLocal("whoami", new(whoamiJob), args, std, "tovholder whoami --db FILE [--user NAME]")
}
