package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/charmbracelet/wish/logging"
	rm "github.com/charmbracelet/wish/recover"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"tovholder/db"
	"tovholder/model"
	"tovholder/tui"
)

// cmdServe serves the desk over SSH until SIGTERM or SIGINT.
func cmdServe(args []string, std stdio) error {
	var c common
	fs := newFileFlags("serve", &c)
	listen := fs.String("listen", "127.0.0.1:2222", "listen on `ADDR`, host:port; port 0 picks a free one")
	idle := fs.Duration("idle", 15*time.Minute, "lock a desk after `DURATION` without a key, such as 15m; 0 never")
	today := fs.String("today", "", "pretend today is this date, `YYYY-MM-DD`, for training and tests (default: the real date)")
	const use = "tovholder serve --db FILE [--listen ADDR] [--idle DURATION] [--config FILE] [--today YYYY-MM-DD]"
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 {
		return usageErr(err, use)
	}
	if *idle < 0 {
		return usageErr(errors.New("--idle cannot be negative"), use)
	}
	clock := (&deskFlags{today: *today}).clock
	now, err := clock()
	if err != nil {
		return err
	}
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	cal, err := c.calendar()
	if err != nil {
		return err
	}
	signer, err := hostKey(path + ".hostkey")
	if err != nil {
		return err
	}
	st, err := openDB(path, db.Options{Calendar: cal})
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	logger := log.New(std.err, "tovholder serve: ", log.LstdFlags)
	s, err := newServer(serverConfig{store: st, host: signer, now: now, idle: *idle, log: logger})
	if err != nil {
		ln.Close()
		return err
	}
	m, err := servedAt(ln.Addr(), time.Now())
	if err != nil {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// A log read through a pipe whose reader went (serve | tee, ctrl+c
	// reaching both) must not end the server before it has closed the
	// database: its writes then fail, quietly.
	signal.Ignore(syscall.SIGPIPE)
	logger.Printf("serving %s (%s) on %s, host key %s", path, countOf(st.Count(), "case", "cases"), ln.Addr(), gossh.FingerprintSHA256(signer.PublicKey()))
	logger.Printf("join with: ssh -p %s %s", m.Port, m.Host)
	// The marker last: once it is there, the server is ready.
	if err := writeServed(path, m); err != nil {
		ln.Close()
		return fmt.Errorf("the marker beside the database: %w", err)
	}
	defer unmarkServed(path)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("the server stopped: %w", err)
	case <-ctx.Done():
	}
	stop() // a second signal ends the process at once
	logger.Printf("stopping: telling every desk, letting saves finish")
	sctx, cancel := context.WithTimeout(context.Background(), s.grace)
	defer cancel()
	if err := s.Shutdown(sctx); err != nil {
		logger.Printf("%v", err)
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("closing the database: %w", err)
	}
	logger.Printf("stopped; the database is closed")
	return nil
}

// serverConfig is what a server is made of; tests set every part.
type serverConfig struct {
	store *db.Store
	host  gossh.Signer     // the host key
	now   func() time.Time // the desks' clock; nil: time.Now
	idle  time.Duration    // a desk locks after this long without a key; 0 never
	log   *log.Logger      // nil: discard
	// newDesk makes a desk's model from its Common; nil: tui.New.
	newDesk func(c *tui.Common) tea.Model
	// renderer makes a session's lipgloss renderer; nil: sessionRenderer.
	// bubbletea.MakeRenderer (the session's colour profile, from its TERM).
	renderer func(s ssh.Session) *lipgloss.Renderer
	// grace bounds a shutdown: how long it waits for desks to quit, and
	// for their saves and the commands under way to finish; 0: 5 s.
	grace time.Duration
	// commands over SSH; nil: remoteCommands.
	commands map[string]remoteCommand
	// outbox is the directory of the users' outboxes, one directory
	// each, where a desk's printouts go; "": beside the database.
	outbox string
	// loginGrace is how long a connection has to log in before it is
	// closed; 0: 2 minutes (OpenSSH's LoginGraceTime).
	loginGrace time.Duration
}

// server is the desk served over SSH: one store, a tea.Program per person
// logged in, and commands run against the open store.
type server struct {
	serverConfig
	ssh *ssh.Server
	// accounts brings the notices of user accounts: a disabled one's
	// desks are ended (watchAccounts).
	accounts *db.Subscription

	mu        sync.Mutex
	closing   bool
	listeners []net.Listener
	desks     map[ssh.Session]*desk
	// sessions counts the session handlers running, cmds the commands
	// (tea.Cmd) of desks running: a shutdown waits for both.
	sessions, cmds counter
}

// desk is one person's desk, from the session's start to its end.
type desk struct {
	user db.User
	lang tui.Lang
	prog *tea.Program
	live *db.Subscription
	// crashed is set when the desk panicked (guard), stopped when the
	// server ended it.
	crashed, stopped bool
	// disabled is set when the person's account was disabled while the
	// desk was open: the server ended it.
	disabled bool
	mu       sync.Mutex
}

// Context keys: the key the authentication approved (its Key.ID), the
// reasons keys were refused, and the account the session works as.
type ctxKey string

const (
	ctxApproved  ctxKey = "tovholder-approved-key"
	ctxRefused   ctxKey = "tovholder-refused"
	ctxExplained ctxKey = "tovholder-explained"
	ctxUser      ctxKey = "tovholder-user"
	ctxConn      ctxKey = "tovholder-conn"
)

func newServer(cfg serverConfig) (*server, error) {
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.log == nil {
		cfg.log = log.New(io.Discard, "", 0)
	}
	if cfg.newDesk == nil {
		cfg.newDesk = func(c *tui.Common) tea.Model { return tui.New(c) }
	}
	if cfg.renderer == nil {
		cfg.renderer = sessionRenderer
	}
	if cfg.grace == 0 {
		cfg.grace = 5 * time.Second
	}
	if cfg.commands == nil {
		cfg.commands = remoteCommands
	}
	if cfg.loginGrace == 0 {
		cfg.loginGrace = 2 * time.Minute
	}
	if cfg.outbox == "" {
		cfg.outbox = outboxDir(cfg.store.Path())
	}
	s := &server{serverConfig: cfg, desks: map[ssh.Session]*desk{}}
	s.accounts = cfg.store.Subscribe()
	go s.watchAccounts(s.accounts)
	var err error
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(cfg.host); return nil },
		wish.WithVersion("tovholder"),
		ssh.WrapConn(s.graceConn),
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{AuthLogCallback: func(_ gossh.ConnMetadata, method string, err error) {
					if gc, ok := ctx.Value(ctxConn).(*graceConn); ok && err == nil && method != "none" {
						gc.loggedIn() // authenticated: no more limit
					}
				}}
			}
			return nil
		},
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithKeyboardInteractiveAuth(s.explainRefusal),
		// Composed last first: the last one listed runs first.
		wish.WithMiddleware(
			rm.MiddlewareWithLogger(s.log,
				bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
				s.deskSession,
				activeterm.Middleware(), // the desk needs a terminal; commands do not
				s.command,
				s.scpOutbox, // scp sessions, before any command: fetches from the outbox
				s.authorize,
				logging.MiddlewareWithLogger(quotingLogger{s.log}),
			),
		),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Serve accepts connections on ln until Shutdown.
func (s *server) Serve(ln net.Listener) error {
	s.mu.Lock()
	closing := s.closing
	if !closing {
		s.listeners = append(s.listeners, ln)
	}
	s.mu.Unlock()
	if closing {
		return ln.Close()
	}
	err := s.ssh.Serve(ln)
	s.mu.Lock()
	closing = s.closing
	s.mu.Unlock()
	if errors.Is(err, ssh.ErrServerClosed) || closing {
		return nil
	}
	return err
}

// publicKey lets in a key the users table has, of an account that is not
// disabled. What it approved is kept in the context, for authorize to
// check against the key the connection really authenticated with.
func (s *server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	id, fp := keyID(key), gossh.FingerprintSHA256(key)
	u, err := s.store.UserByKey(id)
	var why, say string
	switch {
	case errors.Is(err, db.ErrNoUser):
		why, say = "not registered", fmt.Sprintf("key %s is not registered (an admin adds it: tovholder user key-add NAME KEY.pub)", fp)
	case err != nil:
		why, say = err.Error(), fmt.Sprintf("key %s could not be checked", fp)
	case u.Disabled:
		why, say = fmt.Sprintf("the account %s is disabled", u.Name), fmt.Sprintf("key %s belongs to a disabled account", fp)
	default:
		ctx.SetValue(ctxApproved, id)
		return true
	}
	s.log.Printf("refused key %s from %s (ssh user %q): %s", fp, ctx.RemoteAddr(), ctx.User(), why)
	reasons, _ := ctx.Value(ctxRefused).([]string)
	if !slices.Contains(reasons, say) {
		ctx.SetValue(ctxRefused, append(reasons, say))
	}
	return false
}

// explainRefusal is keyboard-interactive authentication that never lets
// anyone in: it only tells a client whose keys were refused why, in one
// line, which OpenSSH prints before "Permission denied".
func (s *server) explainRefusal(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	if ctx.Value(ctxExplained) != nil {
		return false // OpenSSH asks again, up to three times: say it once
	}
	ctx.SetValue(ctxExplained, true)
	reasons, _ := ctx.Value(ctxRefused).([]string)
	line := "tovholder: " + strings.Join(reasons, "; ")
	if len(reasons) == 0 {
		line = "tovholder: log in with a key registered in the users table (ssh -i KEY); none was offered"
	}
	_, _ = challenge("", line, nil, nil)
	return false
}

// authorize checks every session again before it runs anything: the key
// the connection authenticated with must be the one publicKey approved
// (golang.org/x/crypto/ssh calls the callback for every key a client
// offers, also those it never proves it holds: CVE-2024-45337), and the
// account is read afresh, so that one disabled since the connection was
// made is refused.
func (s *server) authorize(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if !s.sessions.enter() {
			wish.Fatalln(sess, "tovholder: the server is stopping; try again in a moment")
			return
		}
		defer s.sessions.leave()
		pk := sess.PublicKey()
		approved, _ := sess.Context().Value(ctxApproved).(string)
		if pk == nil || approved == "" || keyID(pk) != approved {
			s.log.Printf("refused a session from %s: its key is not the one approved", sess.RemoteAddr())
			wish.Fatalln(sess, "tovholder: permission denied")
			return
		}
		u, err := s.store.UserByKey(approved)
		switch {
		case err != nil:
			s.log.Printf("refused a session from %s: %v", sess.RemoteAddr(), err)
			wish.Fatalln(sess, "tovholder: permission denied: the key is not registered")
			return
		case u.Disabled:
			s.log.Printf("refused a session of %s from %s: the account is disabled", u.Name, sess.RemoteAddr())
			wish.Fatalln(sess, "tovholder: permission denied: the account "+u.Name+" is disabled")
			return
		}
		sess.Context().SetValue(ctxUser, u)
		what := "desk"
		if cmd := sess.Command(); len(cmd) > 0 {
			what = strings.Join(cmd, " ")
		}
		s.log.Printf("%s (%s) from %s with %s: %q", u.Name, u.Role, sess.RemoteAddr(), gossh.FingerprintSHA256(pk), what)
		next(sess)
	}
}

// userOf is the account a session works as (authorize put it there).
func userOf(sess ssh.Session) db.User {
	u, _ := sess.Context().Value(ctxUser).(db.User)
	return u
}

// command runs the session's command, when it has one, instead of the
// desk: no terminal is needed.
func (s *server) command(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		args := sess.Command()
		if len(args) == 0 {
			next(sess)
			return
		}
		u := userOf(sess)
		_, _, tty := sess.Pty()
		// The output goes to a file first and to the client after: a
		// command reads the store in one read transaction, and a client
		// that stopped reading must not hold it open (bbolt could not
		// reuse the pages freed meanwhile, and the file would grow).
		out, err := os.CreateTemp("", "tovholder-out-*")
		if err != nil {
			wish.Errorln(sess, "tovholder: "+err.Error())
			_ = sess.Exit(1)
			return
		}
		defer os.Remove(out.Name())
		defer out.Close()
		e := env{st: s.store, who: model.Actor{Name: u.Name, Role: u.Role}, remote: true,
			key: gossh.FingerprintSHA256(sess.PublicKey()), tty: tty, now: s.now,
			std: stdio{in: sess, out: out, err: sess.Stderr()}}
		code := s.runGuarded(args, e)
		if _, err := out.Seek(0, io.SeekStart); err == nil {
			_, _ = io.Copy(sess, out)
		}
		if code != 0 {
			s.log.Printf("%s: %q ended with exit status %d", u.Name, strings.Join(args, " "), code) // refusals among them
		}
		_ = sess.Exit(code)
	}
}

// runGuarded runs a command over SSH; a panic in it ends that command
// alone, logged, with exit status 1.
func (s *server) runGuarded(args []string, e env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic in %q of %s: %v\n%s", strings.Join(args, " "), e.who.Name, r, debug.Stack())
			fmt.Fprintf(e.std.err, "tovholder %s: an internal error ended the command (the server logged it); nothing more was done\n", args[0])
			code = 1
		}
	}()
	return runRemote(s.commands, args, e)
}

// deskSession holds a desk from before its program starts until after it
// ends: it registers the desk (so that a shutdown finds it), and after
// the program it lets go of the desk's subscription and tells the person
// why the desk ended, when it was not they who quit.
func (s *server) deskSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		u := userOf(sess)
		lang, _ := tui.ParseLang(u.Lang)
		d := &desk{user: u, lang: lang}
		s.mu.Lock()
		closing := s.closing
		if !closing {
			s.desks[sess] = d
		}
		s.mu.Unlock()
		if closing {
			wish.Fatalln(sess, "tovholder: "+stoppingWords(lang))
			return
		}
		if err := s.store.LogAccess(u.Name, "login", "", "desk over SSH, key "+gossh.FingerprintSHA256(sess.PublicKey())); err != nil {
			s.log.Printf("the login of %s could not be logged: %v", u.Name, err)
		}
		defer func() {
			s.mu.Lock()
			delete(s.desks, sess)
			s.mu.Unlock()
			d.mu.Lock()
			defer d.mu.Unlock()
			if d.live != nil {
				d.live.Close()
			}
			if d.prog != nil {
				d.prog.Kill() // no-op when it has ended; unblocks a Send that waits for it
			}
		}()
		next(sess)
		d.mu.Lock()
		crashed, stopped, disabled, started := d.crashed, d.stopped, d.disabled, d.prog != nil
		d.mu.Unlock()
		switch {
		case crashed:
			wish.Fatalln(sess, "tovholder: "+crashWords(lang))
		case disabled:
			wish.Fatalln(sess, "tovholder: "+disabledWords(lang))
		case stopped || !started:
			wish.Errorln(sess, "tovholder: "+stoppingWords(lang))
		}
	}
}

// program makes the tea.Program of a desk (bubbletea's middleware runs it).
func (s *server) program(sess ssh.Session) *tea.Program {
	s.mu.Lock()
	d := s.desks[sess]
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	theme, themeName := tui.Dark, "dark"
	if d.user.Theme == "light" {
		theme, themeName = tui.Light, "light"
	}
	r := s.renderer(sess)
	r.SetHasDarkBackground(themeName == "dark") // the account says, not the terminal
	c := tui.NewCommon(s.store, d.user.Name, d.user.Role, d.lang, s.now, r)
	c.IdleAfter = s.idle
	if o := s.deskOutbox(sess, d.user.Name); o != nil {
		c.Outbox = o
	}
	c.SetTheme(theme, r)
	g := &guard{inner: s.newDesk(c), s: s, d: d}
	in := &quitOnEOF{r: sess}
	opts := append(bm.MakeOptions(sess), tea.WithInput(in), tea.WithAltScreen(), tea.WithoutSignalHandler())
	p := tea.NewProgram(g, opts...)
	in.quit = p.Quit // before Run, which starts the reading
	d.mu.Lock()
	defer d.mu.Unlock()
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return nil // deskSession says why
	}
	c.Live = s.store.Subscribe()
	d.prog, d.live = p, c.Live
	return p
}

// Shutdown stops the server: no new connections or sessions; every desk
// is told and quits; then it waits, until ctx ends, for the sessions to
// end and for the commands desks started (their saves) to finish, and
// closes what connections are left. The store stays open: its owner
// closes it after.
func (s *server) Shutdown(ctx context.Context) error {
	s.accounts.Close()
	s.mu.Lock()
	s.closing = true
	desks := make([]*desk, 0, len(s.desks))
	for _, d := range s.desks {
		desks = append(desks, d)
	}
	// Closed here too: the ssh server knows a listener only once its
	// Serve has begun.
	for _, ln := range s.listeners {
		ln.Close()
	}
	s.mu.Unlock()
	s.sessions.close()
	listening := make(chan error, 1)
	go func() { listening <- s.ssh.Shutdown(ctx) }()
	for _, d := range desks {
		d.mu.Lock()
		p := d.prog
		d.stopped = true
		d.mu.Unlock()
		if p != nil {
			text := stoppingWords(d.lang)
			go func() { // Send waits for a program that is busy
				p.Send(tui.NoticeMsg{Text: text})
				p.Quit()
			}()
		}
	}
	var problems []string
	if !s.sessions.wait(ctx) {
		problems = append(problems, fmt.Sprintf("%d sessions had not ended", s.sessions.count()))
	}
	if !s.cmds.wait(ctx) {
		problems = append(problems, fmt.Sprintf("%d commands of desks were still running", s.cmds.count()))
	}
	select {
	case <-listening:
	default: // clients still connected without a session
	}
	_ = s.ssh.Close()
	if len(problems) > 0 {
		return fmt.Errorf("stopped after %s: %s", s.grace, strings.Join(problems, ", "))
	}
	return nil
}

// watchAccounts ends the open desks of an account the moment it is
// disabled: the store refuses their saves from then on (db.Change), and
// what the screen shows must not stay open either.
func (s *server) watchAccounts(sub *db.Subscription) {
	for {
		notices := sub.Wait()
		if notices == nil {
			return
		}
		for _, n := range notices {
			if n.Action == "user.disable" {
				s.endDesksOf(n.Account)
			}
		}
	}
}

func (s *server) endDesksOf(name string) {
	s.mu.Lock()
	var theirs []*desk
	for _, d := range s.desks {
		if d.user.Name == name {
			theirs = append(theirs, d)
		}
	}
	s.mu.Unlock()
	for _, d := range theirs {
		d.mu.Lock()
		p := d.prog
		d.disabled = true
		d.mu.Unlock()
		s.log.Printf("%q was disabled: their desk is ended", name)
		if p != nil {
			text := disabledWords(d.lang)
			go func() { // Send waits for a program that is busy
				p.Send(tui.NoticeMsg{Text: text})
				p.Quit()
			}()
		}
	}
}

// disabledWords tells a person their account was disabled.
func disabledWords(l tui.Lang) string {
	return model.Text{Da: "Din bruger er spærret; skrivebordet er lukket. Tal med en administrator.",
		En: "Your account is disabled; the desk is closed. Talk to an admin."}.In(l.Code())
}

// stoppingWords tells a person the server is stopping.
func stoppingWords(l tui.Lang) string {
	return model.Text{Da: "Serveren lukker om et øjeblik; det gemte er gemt.",
		En: "The server is closing in a moment; what was saved is saved."}.In(l.Code())
}

// crashWords tells a person their desk ended on an error.
func crashWords(l tui.Lang) string {
	return model.Text{Da: "Skrivebordet stødte på en fejl og lukkede (serveren har logget den); det gemte er gemt. Log ind igen.",
		En: "The desk hit an error and closed (the server logged it); what was saved is saved. Log in again."}.In(l.Code())
}

// counter counts things under way: sessions, commands. Once closed it
// takes no more sessions.
type counter struct {
	mu     sync.Mutex
	n      int
	closed bool
}

// enter counts one more, unless closed.
func (c *counter) enter() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.n++
	return true
}

// add counts one more, closed or not.
func (c *counter) add() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *counter) leave() {
	c.mu.Lock()
	c.n--
	c.mu.Unlock()
}

func (c *counter) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// wait waits until nothing is under way (true) or ctx ends (false).
func (c *counter) wait(ctx context.Context) bool {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for c.count() > 0 {
		select {
		case <-ctx.Done():
			return c.count() == 0
		case <-t.C:
		}
	}
	return true
}

// graceConn is a connection that must log in within the server's
// loginGrace: until then no deadline set on it goes past that (the ssh
// package clears deadlines as it reads), so that a client that connects
// and says nothing, or never gets through, does not hold a connection for
// ever.
type graceConn struct {
	net.Conn
	mu    sync.Mutex
	until time.Time // zero once logged in
}

func (s *server) graceConn(ctx ssh.Context, conn net.Conn) net.Conn {
	gc := &graceConn{Conn: conn, until: time.Now().Add(s.loginGrace)}
	_ = conn.SetDeadline(gc.until)
	ctx.SetValue(ctxConn, gc)
	return gc
}

func (c *graceConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	until := c.until
	c.mu.Unlock()
	if !until.IsZero() && (t.IsZero() || t.After(until)) {
		t = until
	}
	return c.Conn.SetDeadline(t)
}

// loggedIn lifts the limit: the connection has authenticated.
func (c *graceConn) loggedIn() {
	c.mu.Lock()
	c.until = time.Time{}
	c.mu.Unlock()
	_ = c.Conn.SetDeadline(time.Time{})
}

// quitOnEOF is a desk's input: the session, whose end (the client closed
// it) ends the desk. Bubble Tea goes on after its input ends, and with
// ssh multiplexing (ControlMaster) the connection outlives the session,
// so nothing else would end it.
type quitOnEOF struct {
	r    io.Reader
	quit func()
	once sync.Once
}

func (q *quitOnEOF) Read(p []byte) (int, error) {
	n, err := q.r.Read(p)
	if err != nil {
		q.once.Do(func() { go q.quit() })
	}
	return n, err
}

// sessionRenderer is a session's own lipgloss renderer: its colour profile
// from the terminal type the client sent. Unlike wish's MakeRenderer it
// does not ask the terminal for its background colour: the account says
// light or dark, and the question, left unanswered by a terminal (a
// multiplexer, a script), holds the desk's first frame and swallows the
// first key.
func sessionRenderer(sess ssh.Session) *lipgloss.Renderer {
	pty, _, ok := sess.Pty()
	if !ok || pty.Term == "" || pty.Term == "dumb" {
		return lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
	}
	env := sessionEnv(append(sess.Environ(), "TERM="+pty.Term))
	return lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
}

// sessionEnv is a session's environment as termenv reads it.
type sessionEnv []string

func (e sessionEnv) Environ() []string { return e }

func (e sessionEnv) Getenv(k string) string {
	for i := len(e) - 1; i >= 0; i-- { // the last setting counts
		if v, ok := strings.CutPrefix(e[i], k+"="); ok {
			return v
		}
	}
	return ""
}

// quotingLogger is the server's log for wish's logging middleware, which
// prints what the client sent (its user name, command, terminal type and
// version) as it came: each string is quoted when it holds anything but
// plain printable text, so that no client can write a line of its own
// into the log, or escape sequences into the terminal that reads it.
type quotingLogger struct{ l *log.Logger }

func (q quotingLogger) Printf(format string, args ...any) {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = quoteOdd(v)
		case []string:
			w := make([]string, len(v))
			for j, s := range v {
				w[j] = quoteOdd(s)
			}
			args[i] = w
		}
	}
	q.l.Printf(format, args...)
}

func quoteOdd(s string) string {
	if s == model.CleanLine(s) && !strings.ContainsAny(s, " \"") {
		return s
	}
	return strconv.Quote(s)
}
