package model

import (
	"bufio"
	"bytes"
	jsonv1 "encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"tovholder/internal/plans"
)

// Format names the interchange format of INTERCHANGE.md.
const Format = "tovholder/v1"

// File is an interchange file.
type File struct {
	Format string `json:"format"`
	Cases  []Case `json:"cases"`
}

// FieldError says which case and which field of it does not fit the format.
type FieldError struct {
	Case  string // the case id, when the case has one
	Index int    // the case's place in the file
	Field string // e.g. "events[2].date"
	Msg   string
}

func (e *FieldError) Error() string {
	who := fmt.Sprintf("case %q", e.Case)
	if e.Case == "" {
		who = fmt.Sprintf("cases[%d] (no id)", e.Index)
	}
	if e.Field == "" {
		return who + ": " + e.Msg
	}
	return who + ": " + e.Field + ": " + e.Msg
}

// Errors is every problem found in a file, one a line.
type Errors []error

// maxErrors caps the list so a wholly wrong file still gives a readable answer.
const maxErrors = 50

// Unwrap lets errors.As find the FieldErrors inside.
func (es Errors) Unwrap() []error { return es }

func (es Errors) Error() string {
	lines := make([]string, 0, len(es))
	for _, e := range es {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// How a case is read (json v2): every key exactly as the Go types' tags
// spell it, each at most once, and no other. Names are matched
// case-sensitively and repeated names are refused by default in v2; only
// unknown names need saying. Invalid UTF-8 becomes U+FFFD, as it did with
// encoding/json, rather than refusing a whole file for one stray byte.
var strict = json.JoinOptions(json.RejectUnknownMembers(true), jsontext.AllowInvalidUTF8(true))

// The stream itself is only checked for syntax: repeated keys and the
// like are found per case, so that each is reported and reading goes on.
var lenient = json.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// DecodeFile reads an interchange file and validates every case. It
// returns either all the cases, normalised (default profile filled in,
// CPR numbers without dash), or the errors, each naming the case and field.
func DecodeFile(data []byte) ([]Case, error) {
	cases := []Case{}
	rd := CaseReader[struct{}]{Keep: func(c *Case, _ int, _ struct{}, _ bool) error {
		cases = append(cases, *c)
		return nil
	}}
	if _, err := rd.Read(bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return cases, nil
}

// CaseReader reads an interchange file as a stream: the file is walked
// once, and its cases are decoded, validated and prepared by worker
// goroutines while the next ones are read, then handed to Keep one by
// one in file order. It collects every problem of every case (up to
// maxErrors, then it counts them), so one run tells a user all that is
// wrong with a file.
type CaseReader[T any] struct {
	// Prepare, if set, is called on a worker goroutine for each case that
	// is valid, as long as no problem has been found in the file: the
	// work for a case that can be done concurrently (e.g. encoding it for
	// storage). An error of type *FieldError counts as a problem of the
	// file; any other error stops reading.
	Prepare func(c *Case) (T, error)
	// Keep is called for each valid case in file order, on the goroutine
	// that called Read. prepared reports whether Prepare ran (it does not
	// once the file has a problem, as nothing of it will be kept; Keep
	// is still called, to find further problems). Errors as for Prepare.
	Keep func(c *Case, index int, p T, prepared bool) error
	// Progress, if set, is called now and then with the bytes read so far.
	Progress func(offset int64)
	// Workers decoding cases at once; 0 means GOMAXPROCS.
	Workers int
	// Reuse lets the reader decode later cases into the memory of a case
	// once Keep has returned for it (its lists keep their capacity), which
	// spares the garbage collector most of a large file. Prepare and Keep
	// must then keep nothing of the case but its strings (never reused).
	Reuse bool
}

// batchCases and batchBytes bound a batch: large enough that handing it
// between goroutines costs little, small enough to keep memory flat.
const (
	batchCases = 256
	batchBytes = 512 << 10
)

// batch is a run of consecutive cases: their raw JSON, then what the
// worker made of each.
type batch[T any] struct {
	first   int    // index of its first case in the file
	data    []byte // the cases' JSON, one after the other
	ends    []int  // where each case's JSON ends in data
	cases   []Case // decoded into, one a case
	results []result[T]
	done    chan struct{} // closed when results are ready
}

type result[T any] struct {
	c        *Case
	problems []*FieldError
	more     int // problems found beyond those kept
	p        T
	prepared bool
	err      error // from Prepare
}

// Read reads the file from r and returns the number of valid cases kept.
// The error is an Errors of every problem (capped), or a single error
// about the file as a whole (not JSON, wrong format).
func (rd *CaseReader[T]) Read(r io.Reader) (int, error) {
	workers := rd.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var sound atomic.Bool // no problem found yet
	sound.Store(true)
	order := make(chan *batch[T], 2*workers+2) // in file order, to the caller
	jobs := make(chan *batch[T], 2*workers+2)  // to the workers
	stop := make(chan struct{})
	free := make(chan []byte, 4*workers+4) // batch buffers for reuse
	freeCases := make(chan []Case, 4*workers+4)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range jobs {
				rd.work(b, &sound, stop)
			}
		})
	}
	var scanErr error
	go func() {
		defer close(order)
		defer close(jobs)
		scanErr = scanFile(r, stop, free, rd.Progress, func(b *batch[T]) bool {
			b.results = make([]result[T], len(b.ends))
			b.done = make(chan struct{})
			if rd.Reuse {
				select {
				case b.cases = <-freeCases:
				default:
				}
			}
			if len(b.cases) < len(b.ends) {
				b.cases = make([]Case, len(b.ends))
			}
			select {
			case order <- b:
			case <-stop:
				return false
			}
			jobs <- b // never waits for long: the workers drain jobs until it is closed
			return true
		})
	}()

	var (
		problems []error
		count    int // every problem, those not kept included
		kept     int
		fatal    error
		seen     = map[string]int{}
	)
	problem := func(e *FieldError) {
		sound.Store(false)
		count++
		if len(problems) < maxErrors {
			problems = append(problems, e)
		}
	}
	// take sorts an error from Prepare or Keep: a problem of the file, or
	// the end of reading.
	take := func(err error, index int) {
		var es Errors
		switch {
		case err == nil:
		case errors.As(err, &es) && len(es) > 0 && allFieldErrors(es):
			for _, e := range es {
				fe := e.(*FieldError)
				fe.Index = index
				problem(fe)
			}
		default:
			var fe *FieldError
			if errors.As(err, &fe) {
				fe.Index = index
				problem(fe)
			} else if fatal == nil {
				fatal = err
				close(stop)
			}
		}
	}
	for b := range order {
		<-b.done
		if fatal != nil {
			continue // drain, so that every goroutine ends
		}
		for i := range b.results {
			res := &b.results[i]
			index := b.first + i
			for _, e := range res.problems {
				problem(e)
			}
			count += res.more
			id := res.c.ID
			if first, dup := seen[id]; dup && id != "" {
				problem(&FieldError{Case: id, Index: index, Field: "id",
					Msg: fmt.Sprintf("appears twice in the file (cases[%d] and cases[%d])", first, index)})
				continue
			}
			if id != "" {
				seen[id] = index
			}
			if len(res.problems) > 0 || res.more > 0 {
				continue
			}
			if res.err != nil {
				take(res.err, index)
				continue
			}
			if rd.Keep != nil {
				prepared := res.prepared && sound.Load()
				take(rd.Keep(res.c, index, res.p, prepared), index)
			}
			if fatal != nil {
				break
			}
			kept++ // counts only when the file turns out sound
		}
		b.results = nil
		select { // the buffer may serve another batch
		case free <- b.data[:0]:
		default:
		}
		if rd.Reuse {
			select {
			case freeCases <- b.cases:
			default:
			}
		}
	}
	wg.Wait()
	switch {
	case fatal != nil:
		return 0, fatal
	case scanErr != nil:
		return 0, scanErr
	case count > len(problems):
		return 0, append(Errors(problems), fmt.Errorf("… stopped after %d errors (%d more not shown)", len(problems), count-len(problems)))
	case count > 0:
		return 0, Errors(problems)
	}
	return kept, nil
}

func allFieldErrors(es Errors) bool {
	for _, e := range es {
		if _, ok := e.(*FieldError); !ok {
			return false
		}
	}
	return true
}

// work decodes, validates and prepares the cases of one batch.
func (rd *CaseReader[T]) work(b *batch[T], sound *atomic.Bool, stop <-chan struct{}) {
	defer close(b.done)
	start := 0
	for i, end := range b.ends {
		select {
		case <-stop:
			return
		default:
		}
		res := &b.results[i]
		res.c = &b.cases[i]
		res.problems, res.more = decodeCase(b.data[start:end], b.first+i, res.c)
		start = end
		if len(res.problems) == 0 && res.more == 0 && rd.Prepare != nil && sound.Load() {
			res.p, res.err = rd.Prepare(res.c)
			res.prepared = true
		}
	}
}

// scanFile walks the top of the file, {"format": …, "cases": […]}, and
// hands the cases on in batches of raw JSON. emit returns false when
// reading is to stop.
func scanFile[T any](r io.Reader, stop <-chan struct{}, free chan []byte, progress func(int64), emit func(*batch[T]) bool) error {
	src, _ := r.(io.ReaderAt)
	read := &countingReader{r: r}
	dec := jsontext.NewDecoder(bufio.NewReaderSize(read, 256<<10), lenient)
	report := func() {
		if progress != nil {
			progress(read.n)
		}
	}
	invalid := func(err error) error { return invalidJSON(err, src) }
	tok, err := dec.ReadToken()
	switch {
	case err != nil:
		return invalid(err)
	case tok.Kind() == '[':
		return fmt.Errorf("the file must be a JSON object with \"format\" and \"cases\", not an array")
	case tok.Kind() != '{':
		return fmt.Errorf("the file must be a JSON object with \"format\" and \"cases\", not a single value")
	}
	hasCases, hasFormat := false, false
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return invalid(err)
		}
		switch key := tok.String(); key {
		case "format":
			v, err := dec.ReadValue()
			if err != nil {
				return invalid(err)
			}
			if hasFormat {
				return fmt.Errorf("the file gives \"format\" twice")
			}
			hasFormat = true
			if v.Kind() == 'n' {
				continue // as if absent
			}
			var format string
			if err := json.Unmarshal(v, &format); err != nil {
				return fmt.Errorf("the file's \"format\" must be text, not a JSON %s", jsonKindName(v.Kind()))
			}
			if format != Format {
				return fmt.Errorf("the file's format is %q; this program reads %q", format, Format)
			}
		case "cases":
			if hasCases {
				return fmt.Errorf("the file gives \"cases\" twice")
			}
			hasCases = true
			if k := dec.PeekKind(); k != '[' {
				if _, err := dec.ReadValue(); err != nil {
					return invalid(err)
				}
				return fmt.Errorf("the file's \"cases\" must be a list, not a JSON %s", jsonKindName(k))
			}
			if _, err := dec.ReadToken(); err != nil {
				return invalid(err)
			}
			if err := scanCases(dec, free, report, emit); err != nil {
				if err == errStopped {
					return nil
				}
				return invalid(err)
			}
		default:
			return fmt.Errorf("the file has an unknown field %s at the top (known: format, cases)", quoteKey(key))
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return invalid(err)
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if _, syntax := errors.AsType[*jsontext.SyntacticError](err); err != nil && !syntax {
			return err // reading the file failed
		}
		return fmt.Errorf("the file is not valid %s JSON: unexpected data after the end of the JSON value", Format)
	}
	if !hasCases {
		return fmt.Errorf("the file has no \"cases\" list")
	}
	report() // all of it: the end of the file has been read
	return nil
}

var errStopped = errors.New("stopped")

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// scanCases reads the cases of the list, up to its closing bracket.
func scanCases[T any](dec *jsontext.Decoder, free chan []byte, report func(), emit func(*batch[T]) bool) error {
	index := 0
	var b *batch[T]
	flush := func() bool {
		if b == nil {
			return true
		}
		report()
		ok := emit(b)
		index += len(b.ends)
		b = nil
		return ok
	}
	for dec.PeekKind() != ']' {
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if b == nil {
			var buf []byte
			select {
			case buf = <-free:
			default:
				buf = make([]byte, 0, batchBytes+batchBytes/4)
			}
			b = &batch[T]{first: index, data: buf, ends: make([]int, 0, batchCases)}
		}
		b.data = append(b.data, v...)
		b.ends = append(b.ends, len(b.data))
		if len(b.ends) == batchCases || len(b.data) >= batchBytes {
			if !flush() {
				return errStopped
			}
		}
	}
	if !flush() {
		return errStopped
	}
	_, err := dec.ReadToken()
	return err
}

// invalidJSON describes a fault in the JSON itself: what, and where (line
// and column, when the file can be read again to count them).
func invalidJSON(err error, src io.ReaderAt) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("the file is not valid %s JSON: the JSON ends too early", Format)
	}
	se, ok := errors.AsType[*jsontext.SyntacticError](err)
	if !ok {
		return err // reading the file failed
	}
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("the file is not valid %s JSON: the JSON ends too early", Format)
	}
	what := strings.TrimPrefix(se.Err.Error(), "jsontext: ")
	if src != nil {
		if line, col, ok := lineColAt(src, se.ByteOffset); ok {
			return fmt.Errorf("the file is not valid %s JSON: %s at line %d, column %d", Format, what, line, col)
		}
	}
	return fmt.Errorf("the file is not valid %s JSON: %s at byte %d", Format, what, se.ByteOffset+1)
}

// lineColAt counts lines up to a byte offset (0-based, the byte at fault),
// reading the file again: only done once, for an error.
func lineColAt(src io.ReaderAt, offset int64) (line, col int, ok bool) {
	line, lineStart := 1, int64(0)
	buf := make([]byte, 64<<10)
	for at := int64(0); at < offset; {
		n, err := src.ReadAt(buf[:min(int64(len(buf)), offset-at)], at)
		for i, c := range buf[:n] {
			if c == '\n' {
				line++
				lineStart = at + int64(i) + 1
			}
		}
		at += int64(n)
		if err != nil && at < offset {
			return 0, 0, false
		}
	}
	return line, int(offset-lineStart) + 1, true
}

// decodeCase decodes and validates one case. Almost every case decodes
// at the first try; for one that does not, the slow walk finds every
// problem in it.
func decodeCase(raw []byte, index int, c *Case) (problems []*FieldError, more int) {
	resetCase(c)
	if k := jsontext.Value(raw).Kind(); k != '{' {
		return []*FieldError{{Index: index, Msg: fmt.Sprintf("a case must be a JSON object, not a JSON %s", jsonKindName(k))}}, 0
	}
	ok := decodeFast(raw, c)
	if !ok {
		resetCase(c) // the fast way may have filled part of it
		ok = json.Unmarshal(raw, c, strict) == nil
	}
	if ok {
		problems = Validate(c)
		for _, p := range problems {
			p.Index = index
		}
		return problems, 0
	}
	*c = Case{}
	w := walker{dec: jsontext.NewDecoder(bytes.NewReader(raw), lenient)}
	w.value(reflect.ValueOf(c).Elem(), "")
	if len(w.problems) == 0 && w.more == 0 { // cannot happen: the fast way found a fault
		w.add("", "cannot be read")
	}
	// What did decode is checked too, but a field that could not be read
	// is reported once, not also as missing or wrong.
	for _, e := range Validate(c) {
		if !w.covers(e.Field) {
			w.problems = append(w.problems, e)
		}
	}
	for _, p := range w.problems {
		p.Case, p.Index = c.ID, index
	}
	if len(w.problems) > maxErrors {
		w.more += len(w.problems) - maxErrors
		w.problems = w.problems[:maxErrors]
	}
	return w.problems, w.more
}

// resetCase empties a case to decode another into it: every field zero,
// but its lists keep their capacity (json v2 zeroes each element it
// reuses).
func resetCase(c *Case) {
	v := reflect.ValueOf(c).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice {
			f.SetLen(0)
		} else {
			f.SetZero()
		}
	}
}

// walker decodes a value that json.Unmarshal refused, key by key and
// element by element, driven by the Go type it goes into: each unknown,
// miscased or repeated key and each value of the wrong type is a problem,
// and decoding goes on with the next. What decodes is set, so that the
// case can then be validated as far as it goes.
type walker struct {
	dec      *jsontext.Decoder
	problems []*FieldError
	more     int
	bad      []string // fields with a problem, reported or implied
	broken   bool     // the JSON itself failed (cannot happen: the scan checked it)
	personal int      // > 0 inside the citizen: messages do not repeat values
}

func (w *walker) add(field, msg string) {
	w.bad = append(w.bad, field)
	if len(w.problems) >= maxErrors+1 {
		w.more++
		return
	}
	w.problems = append(w.problems, &FieldError{Field: field, Msg: msg})
}

// covers reports whether field is, or is inside or around, a field that
// has a problem already.
func (w *walker) covers(field string) bool {
	for _, b := range w.bad {
		if b == field || b == "" || strings.HasPrefix(field, b+".") || strings.HasPrefix(field, b+"[") {
			return true
		}
	}
	return false
}

// citizenType holds personal data only (see Citizen).
var citizenType = reflect.TypeFor[Citizen]()

var (
	textUnmarshaler = reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()
	bytesType       = reflect.TypeFor[[]byte]()
	ownDecoders     = []reflect.Type{textUnmarshaler, reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[json.UnmarshalerFrom]()}
)

// isLeaf: a type decoded as a whole (its own methods, or a JSON scalar).
func isLeaf(t reflect.Type) bool {
	for _, m := range ownDecoders {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return true
		}
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Pointer:
		return false
	case reflect.Slice:
		return t == bytesType
	}
	return true
}

func (w *walker) value(v reflect.Value, path string) {
	if w.broken {
		return
	}
	t := v.Type()
	kind := w.dec.PeekKind()
	if kind == 0 {
		w.fail()
		return
	}
	switch {
	case isLeaf(t):
		raw, err := w.dec.ReadValue()
		if err != nil {
			w.fail()
			return
		}
		if err := json.Unmarshal(raw, v.Addr().Interface(), strict); err != nil {
			v.SetZero()
			msg := describeValueError(err, t, kind)
			if w.personal > 0 && kind == '"' {
				// Personal data (a birth date) is not repeated in an error
				// message, which may end up in a log or an e-mail.
				var val string
				if json.Unmarshal(raw, &val, strict) == nil && val != "" {
					msg = strings.ReplaceAll(msg, strconv.Quote(val), "the value")
				}
			}
			w.add(path, msg)
		}
	case t.Kind() == reflect.Pointer:
		if kind == 'n' {
			w.skip()
			v.SetZero()
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		w.value(v.Elem(), path)
	case t.Kind() == reflect.Struct:
		if kind == 'n' {
			w.skip() // as json.Unmarshal: null leaves it as it is
			return
		}
		if kind != '{' {
			w.skip()
			w.add(path, fmt.Sprintf("expected an object, found a JSON %s", jsonKindName(kind)))
			return
		}
		if t == citizenType {
			w.personal++
			defer func() { w.personal-- }()
		}
		w.object(v, path)
	case t.Kind() == reflect.Slice:
		if kind == 'n' {
			w.skip()
			v.SetZero()
			return
		}
		if kind != '[' {
			w.skip()
			w.add(path, fmt.Sprintf("expected a list, found a JSON %s", jsonKindName(kind)))
			return
		}
		if _, err := w.dec.ReadToken(); err != nil {
			w.fail()
			return
		}
		v.SetLen(0)
		for i := 0; w.dec.PeekKind() != ']'; i++ {
			if w.broken || w.dec.PeekKind() == 0 {
				w.fail()
				return
			}
			v.Set(reflect.Append(v, reflect.Zero(t.Elem())))
			w.value(v.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		if _, err := w.dec.ReadToken(); err != nil {
			w.fail()
		}
	}
}

// object reads a JSON object into the struct v, field by field.
func (w *walker) object(v reflect.Value, path string) {
	if _, err := w.dec.ReadToken(); err != nil {
		w.fail()
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]bool{}
	for w.dec.PeekKind() != '}' {
		tok, err := w.dec.ReadToken()
		if err != nil || w.broken {
			w.fail()
			return
		}
		name := tok.String()
		at := joinPath(path, name)
		f, known := fields.byName[name]
		switch {
		case seen[name]:
			w.skip()
			w.add(at, "appears more than once; give each field once")
			continue
		case !known:
			w.skip()
			seen[name] = true
			if real, ok := fields.folded[strings.ToLower(name)]; ok {
				w.add(at, fmt.Sprintf("unknown field; did you mean %q? (names are matched exactly, capitals included)", real))
				w.bad = append(w.bad, joinPath(path, real)) // so not also reported as missing
			} else {
				w.add(at, "unknown field (known: "+fields.names+")")
			}
			continue
		}
		seen[name] = true
		w.value(v.FieldByIndex(f), at)
	}
	if _, err := w.dec.ReadToken(); err != nil {
		w.fail()
	}
}

func (w *walker) skip() {
	if err := w.dec.SkipValue(); err != nil {
		w.fail()
	}
}

// fail: the JSON did not read. The scan checked it with the same options,
// so this does not happen; if it does, say so rather than go wrong.
func (w *walker) fail() {
	if !w.broken {
		w.broken = true
		w.add("", "is not valid JSON")
	}
}

// structFields is what the walker needs of a struct type: its JSON names.
type structFields struct {
	byName map[string][]int  // name → field index
	folded map[string]string // lower-cased name → name
	names  string            // the names, for a message
}

var fieldCache sync.Map // reflect.Type → *structFields

// fieldsOf reads a struct's JSON names from its tags, as json v2 does:
// the tag's name, else the Go name; "-" is left out; an untagged
// embedded struct's fields count as the outer struct's own.
func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	sf := &structFields{byName: map[string][]int{}, folded: map[string]string{}}
	var names []string
	var add func(t reflect.Type, index []int)
	add = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag, hasTag := f.Tag.Lookup("json")
			name, _, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			switch {
			case tag == "-":
				continue
			case f.Anonymous && !hasTag && f.Type.Kind() == reflect.Struct:
				add(f.Type, idx)
				continue
			case !f.IsExported():
				continue
			case name == "":
				name = f.Name
			}
			sf.byName[name] = idx
			sf.folded[strings.ToLower(name)] = name
			names = append(names, name)
		}
	}
	add(t, nil)
	sf.names = strings.Join(names, ", ")
	f, _ := fieldCache.LoadOrStore(t, sf)
	return f.(*structFields)
}

// joinPath adds a key to a field path: events[2] + date = events[2].date.
// A key that is not a plain name is quoted, so an error stays one line.
func joinPath(path, key string) string {
	key = quoteKey(key)
	if path == "" {
		return key
	}
	return path + "." + key
}

func quoteKey(key string) string {
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return strconv.Quote(key)
		}
	}
	if key == "" {
		return `""`
	}
	return key
}

// describeValueError says why a JSON value does not fit a Go type: the
// type's own words when the value has the right JSON kind (a date that
// is no date), else what was expected and what was found.
func describeValueError(err error, t reflect.Type, found jsontext.Kind) string {
	if se, ok := errors.AsType[*json.SemanticError](err); ok {
		if se.Err != nil && se.JSONKind == expectedKind(t) {
			return se.Err.Error()
		}
		if se.JSONKind != 0 {
			found = se.JSONKind
		}
	}
	if found == expectedKind(t) {
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return fmt.Sprintf("expected %s, found a JSON %s", kindName(t), jsonKindName(found))
}

// expectedKind is the JSON kind a Go type is written as.
func expectedKind(t reflect.Type) jsontext.Kind {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case reflect.PointerTo(t).Implements(textUnmarshaler), t == bytesType:
		return '"'
	}
	switch t.Kind() {
	case reflect.String:
		return '"'
	case reflect.Bool:
		return 't'
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return '0'
	case reflect.Struct, reflect.Map:
		return '{'
	case reflect.Slice, reflect.Array:
		return '['
	}
	return 0
}

func jsonKindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "bool"
	case '"':
		return "string"
	case '0':
		return "number"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "value"
}

// EncodeFile writes cases in the interchange format. The output is
// deterministic, so export, import and export again gives the same bytes.
func EncodeFile(w io.Writer, cases []Case) error {
	enc := NewFileEncoder(w)
	for i := range cases {
		if err := enc.Encode(&cases[i]); err != nil {
			return err
		}
	}
	return enc.Close()
}

// FileEncoder writes an interchange file one case at a time, so that an
// export of any size holds one case in memory. Its output is byte for
// byte what encoding the whole File with two-space indentation gives.
type FileEncoder struct {
	w   io.Writer
	buf bytes.Buffer
	enc *jsonv1.Encoder
	n   int
	err error
}

// The file's text around its cases.
const (
	fileHead  = "{\n  \"format\": \"" + Format + "\",\n  \"cases\": ["
	caseLead  = "\n    "
	fileTail  = "\n  ]\n}\n"
	emptyTail = "]\n}\n"
)

// NewFileEncoder starts a file on w.
func NewFileEncoder(w io.Writer) *FileEncoder {
	e := &FileEncoder{w: w}
	e.enc = jsonv1.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.enc.SetIndent("    ", "  ")
	return e
}

// Encode writes one case.
func (e *FileEncoder) Encode(c *Case) error {
	if e.err != nil {
		return e.err
	}
	e.buf.Reset()
	switch e.n {
	case 0:
		e.buf.WriteString(fileHead + caseLead)
	default:
		e.buf.WriteString("," + caseLead)
	}
	if err := e.enc.Encode(c); err != nil {
		e.err = err
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1) // the Encoder's newline
	e.n++
	_, e.err = e.w.Write(e.buf.Bytes())
	return e.err
}

// Close ends the file; it does not close the writer.
func (e *FileEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	tail := fileTail
	if e.n == 0 {
		tail = fileHead + emptyTail
	}
	_, e.err = io.WriteString(e.w, tail)
	if e.err == nil {
		e.err = errors.New("the file is closed")
		return nil
	}
	return e.err
}

// describeJSONError turns encoding/json's errors into words for a user:
// where a syntax error is (line and column), and what a value should be.
// (The configuration file is still read with encoding/json.)
func describeJSONError(data []byte, err error) string {
	var syn *jsonv1.SyntaxError
	var typ *jsonv1.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return "the JSON ends too early"
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return fmt.Sprintf("%s at line %d, column %d", strings.TrimPrefix(syn.Error(), "json: "), line, col)
	case errors.As(err, &typ):
		return fmt.Sprintf("expected %s, found a JSON %s", kindName(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[Date]():
		return "a date written YYYY-MM-DD"
	case t.Kind() == reflect.String:
		return "text"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice:
		return "a list"
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Map:
		return "an object"
	case expectedKind(t) == '0':
		return "a number"
	}
	return t.String()
}

func lineCol(data []byte, offset int64) (line, col int) {
	// Offset counts the bytes read, the offending one included.
	at := min(max(offset-1, 0), int64(len(data)))
	before := data[:at]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// The fast way to decode a case: a reader of its own for the common case,
// built from the Go types by reflection as json v2 is, but three times as
// quick on this format (most of a large import's decoding). It handles
// objects with exactly spelt, unrepeated keys, arrays, strings, true and
// false, and the dates of the format; anything else (null, a number, an
// escaped or unknown key, a repeated one, text that is not valid UTF-8, a
// value of the wrong kind, a date that is no date) makes it give up, and
// json.Unmarshal decides, as for every case before. Where it succeeds it
// gives exactly what json.Unmarshal gives; FuzzDecodeFast checks that.

// fastDecoder reads one JSON value, which the scan has found well-formed.
type fastDecoder struct {
	data []byte
	pos  int
}

// fastFunc decodes the next value into v; false: give up.
type fastFunc func(d *fastDecoder, v reflect.Value) bool

type fastPlan struct{ fn fastFunc }

// fastPlans holds a plan per type, made on first use.
var fastPlans = plans.New(func(t reflect.Type, p *fastPlan, sub func(reflect.Type) *fastPlan) {
	p.fn = makeFast(t, sub)
})

var dateType = reflect.TypeFor[Date]()

// decodeFast decodes raw into c, which resetCase has emptied.
func decodeFast(raw []byte, c *Case) bool {
	d := fastDecoder{data: raw}
	if !fastPlanOf(reflect.TypeFor[Case]()).fn(&d, reflect.ValueOf(c).Elem()) {
		return false
	}
	d.space()
	return d.pos == len(d.data)
}

// fastPlanOf is t's plan.
func fastPlanOf(t reflect.Type) *fastPlan { return fastPlans.Of(t) }

func giveUp(*fastDecoder, reflect.Value) bool { return false }

func makeFast(t reflect.Type, sub func(reflect.Type) *fastPlan) fastFunc {
	if t == dateType {
		return (*fastDecoder).date
	}
	for _, m := range ownDecoders {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return giveUp
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(d *fastDecoder, v reflect.Value) bool {
			s, ok := d.string()
			if ok {
				v.SetString(s)
			}
			return ok
		}
	case reflect.Bool:
		return func(d *fastDecoder, v reflect.Value) bool {
			switch d.space(); {
			case bytes.HasPrefix(d.data[d.pos:], []byte("true")):
				d.pos += 4
				v.SetBool(true)
			case bytes.HasPrefix(d.data[d.pos:], []byte("false")):
				d.pos += 5
				v.SetBool(false)
			default:
				return false
			}
			return true
		}
	case reflect.Pointer:
		elem := t.Elem()
		plan := sub(elem)
		return func(d *fastDecoder, v reflect.Value) bool {
			if d.peek() == 'n' {
				return false
			}
			if v.IsNil() {
				v.Set(reflect.New(elem))
			}
			return plan.fn(d, v.Elem())
		}
	case reflect.Slice:
		if t == bytesType {
			return giveUp
		}
		elem := t.Elem()
		plan := sub(elem)
		zero := reflect.Zero(elem)
		empty := reflect.MakeSlice(t, 0, 0)
		return func(d *fastDecoder, v reflect.Value) bool {
			if d.peek() != '[' {
				return false
			}
			d.pos++
			n := 0
			for {
				if d.peek() == ']' {
					d.pos++
					break
				}
				if n > 0 {
					if d.peek() != ',' {
						return false
					}
					d.pos++
				}
				// As json v2: reuse the capacity there is, each element zeroed.
				if n < v.Cap() {
					v.SetLen(n + 1)
					v.Index(n).SetZero()
				} else {
					v.Set(reflect.Append(v, zero))
				}
				if !plan.fn(d, v.Index(n)) {
					return false
				}
				n++
			}
			if n == 0 {
				v.Set(empty)
			}
			return true
		}
	case reflect.Struct:
		type fastField struct {
			index int
			plan  *fastPlan
		}
		byName := map[string]int{} // → place in fields, which is its bit in seen
		var fields []fastField
		for name, idx := range fieldsOf(t).byName {
			if len(idx) != 1 || len(fields) == 64 {
				return giveUp // an embedded struct's field, or too many: json.Unmarshal knows its ways
			}
			byName[name] = len(fields)
			fields = append(fields, fastField{idx[0], sub(t.Field(idx[0]).Type)})
		}
		return func(d *fastDecoder, v reflect.Value) bool {
			if d.peek() != '{' {
				return false
			}
			d.pos++
			var seen uint64
			for first := true; ; first = false {
				if d.peek() == '}' {
					d.pos++
					return true
				}
				if !first {
					if d.peek() != ',' {
						return false
					}
					d.pos++
				}
				key, ok := d.key()
				if !ok {
					return false
				}
				i, known := byName[string(key)]
				if !known || seen&(1<<i) != 0 {
					return false
				}
				seen |= 1 << i
				if d.peek() != ':' {
					return false
				}
				d.pos++
				if f := &fields[i]; !f.plan.fn(d, v.Field(f.index)) {
					return false
				}
			}
		}
	}
	return giveUp
}

func (d *fastDecoder) space() {
	for d.pos < len(d.data) && isSpace[d.data[d.pos]] {
		d.pos++
	}
}

var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// peek is the next byte that is not white space, 0 at the end.
func (d *fastDecoder) peek() byte {
	d.space()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// key reads an object key that needs no unescaping.
func (d *fastDecoder) key() ([]byte, bool) {
	if d.peek() != '"' {
		return nil, false
	}
	start := d.pos + 1
	end := bytes.IndexByte(d.data[start:], '"')
	if end < 0 {
		return nil, false
	}
	k := d.data[start : start+end]
	if bytes.IndexByte(k, '\\') >= 0 {
		return nil, false
	}
	d.pos = start + end + 1
	return k, true
}

// string reads a string value: valid UTF-8, escapes of the BMP outside
// the surrogates; anything else is left to json.Unmarshal.
func (d *fastDecoder) string() (string, bool) {
	if d.peek() != '"' {
		return "", false
	}
	start := d.pos + 1
	end := bytes.IndexByte(d.data[start:], '"')
	if end < 0 {
		return "", false
	}
	i := start + end
	if s := d.data[start:i]; bytes.IndexByte(s, '\\') < 0 { // the common case: nothing to unescape
		if !utf8.Valid(s) {
			return "", false
		}
		d.pos = i + 1
		return string(s), true
	}
	i = start + bytes.IndexByte(d.data[start:], '\\')
	buf := append([]byte(nil), d.data[start:i]...)
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			if !utf8.Valid(buf) {
				return "", false
			}
			d.pos = i + 1
			return string(buf), true
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		case i+1 >= len(d.data):
			return "", false
		}
		switch e := d.data[i+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if i+6 > len(d.data) {
				return "", false
			}
			r, err := strconv.ParseUint(string(d.data[i+2:i+6]), 16, 32)
			if err != nil || (r >= 0xd800 && r < 0xe000) {
				return "", false
			}
			buf = utf8.AppendRune(buf, rune(r))
			i += 4
		default:
			return "", false
		}
		i += 2
	}
	return "", false
}

// date reads a date written YYYY-MM-DD that is a real date, as ParseDate.
func (d *fastDecoder) date(v reflect.Value) bool {
	if d.peek() != '"' || d.pos+12 > len(d.data) || d.data[d.pos+11] != '"' {
		return false
	}
	s := d.data[d.pos+1 : d.pos+11]
	if !hasDateShape(string(s)) {
		return false
	}
	num := func(b []byte) int {
		n := 0
		for _, c := range b {
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, day := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 1 || m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m) {
		return false
	}
	d.pos += 12
	v.SetInt(int64(civilDate(y, m, day)))
	return true
}

func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civilDate is MakeDate for a valid date, without the time package (days
// from the civil date, after Howard Hinnant's algorithm).
func civilDate(y, m, day int) Date {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0 here
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097+doe-719468) + unixDay1
}
