// Package synth makes synthetic, clearly fictitious cases for tests,
// demos and benchmarks. It does no I/O: the same arguments always give the
// same cases.
//
// The cases are spread over every phase of the workflow relative to a
// given "today": fresh referrals awaiting triage, referrals rejected at
// triage, cases in contact with 0–3 contact attempts, first meetings,
// advice, coordinating meetings planned (internal and external) and held
// (with and without minutes), needs assessed, and closed cases with and
// without the follow-up done. A few obligations are overdue and some were
// met late. Event dates lie between about ten months before today (cases
// closed 3–6 months ago, whose follow-up is due) and today; goal follow-ups
// and task due dates up to a week after today. Event dates are working
// days.
//
// Cases made in one call share backing arrays (they are allocated in
// slabs, which makes a million cases take seconds, not tens of seconds);
// each case's slices are capped, so appending to one copies it.
//
// Names are combinations of common Danish first names and surnames,
// addresses are on made-up streets (Prøvevej, Eksempelgade, Demovej, …),
// e-mail addresses are at example.com, and CPR numbers are valid in form
// (a real birth date and a century digit that fits it) for ages 17–70.
// Phone and CPR numbers are random digits: one may exist, but no case
// describes a real person.
package synth

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"tovholder/model"
)

// aheadDays: goal follow-ups and task due dates lie at most this many
// days after today. Events are never dated after today.
const aheadDays = 7

// Cases makes n cases numbered 1..n, deterministic for the seed. Each
// case passes model.Validate. Case i depends only on (seed, today, i), so
// Cases(n)[a:b] equals Range(n, a, b) and big sets can be made in chunks.
func Cases(n int, seed int64, today model.Date) []model.Case {
	return Range(n, 0, n, seed, today)
}

// Range makes cases from..to-1 (0-based) of a set of total cases: the
// same cases as Cases(total, seed, today)[from:to], without making the
// rest. total fixes the width of the id numbers.
//
// Case i's id is K-YYYY-NNNN as the desk makes them (db.CreateReferral):
// today's year and i+1, zero-padded to IDWidth(total) digits. Every id has
// today's year, not its referral's: the desk numbers a year's cases on
// from the highest number of the year it is in, so a new referral on a
// demo database is the next number after the demo's last.
func Range(total, from, to int, seed int64, today model.Date) []model.Case {
	if from < 0 {
		from = 0
	}
	if to > total {
		to = total
	}
	if to <= from {
		return []model.Case{}
	}
	out := make([]model.Case, to-from)
	// Case i depends only on i, so the work splits over the processors
	// without changing the result.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(out)/minPerWorker))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(out)*w/workers, len(out)*(w+1)/workers
		wg.Go(func() {
			g := newGen(total, seed, today)
			for i := lo; i < hi; i++ {
				g.makeCase(&out[i], from+i)
			}
		})
	}
	wg.Wait()
	return out
}

// minPerWorker: below this many cases per goroutine, one goroutine is faster.
const minPerWorker = 5000

// File is Cases in an interchange file, ready for model.EncodeFile or json.Marshal.
func File(n int, seed int64, today model.Date) model.File {
	return model.File{Format: model.Format, Cases: Cases(n, seed, today)}
}

// IDWidth is the number of digits in the ids of a set of total cases: 4,
// as the desk pads them, or as many as total has, so that byte order is
// numeric order within a set.
func IDWidth(total int) int {
	return max(4, len(strconv.Itoa(total)))
}

// Caseworkers are the login names the cases are assigned to.
var Caseworkers = []string{"anne", "bo", "camilla", "dorte", "erik", "frida", "gitte", "henrik"}

// Coordinator is the login name of the coordinator who triages referrals.
const Coordinator = "tove"

// Sources are the referral source ids (model.ReferralSources: seed 000's
// list of who may refer, step 1 "Henvendelse").
var Sources = model.IDs(model.ReferralSources)

// sourceWeights: how often each source refers, per id; 1 for the rest.
// The seed's report names housing associations and psychiatry (hospitals)
// as the big partners; the municipality's own units (job centre, benefits)
// and relatives refer often too.
var sourceWeights = map[string]int{
	"housing_association": 14, "citizen_or_relative": 10, "hospital": 9, "doctor": 8,
	"own_department": 7, "other_municipal_unit": 6, "neighbour": 4, "substance_counselling": 3,
	"social_emergency_service": 3, "housing_social_worker": 2, "police": 2, "skp": 2,
	"education": 2, "youth_guidance": 2, "drop_in_centre": 2,
}

// The stages a case can have reached by today, in workflow order.
type stage int

const (
	stReferral       stage = iota // referral received, awaiting triage
	stRejected                    // rejected at triage
	stAssigned                    // assigned, no contact attempt yet
	stTrying                      // 1–3 contact attempts, not reached
	stReached                     // reached, no first meeting yet
	stFirstMeeting                // first meeting held, advice pending
	stAdvice                      // advice given, needs being assessed
	stCoordPlanned                // coordinating meeting planned, not held
	stCoordHeld                   // coordinating meeting held, minutes not sent
	stMinutes                     // coordinating meeting held, minutes sent
	stAssessed                    // needs assessed
	stClosedEarly                 // closed before any first meeting
	stClosedWaiting               // closed after a first meeting, follow-up not done
	stClosedFollowed              // closed, follow-up done
	numStages
)

// stageWeights: how common each stage is, per 1000 cases.
var stageWeights = [numStages]int{
	stReferral:       70,
	stRejected:       50,
	stAssigned:       50,
	stTrying:         70,
	stReached:        50,
	stFirstMeeting:   40,
	stAdvice:         80,
	stCoordPlanned:   70,
	stCoordHeld:      40,
	stMinutes:        80,
	stAssessed:       110,
	stClosedEarly:    50,
	stClosedWaiting:  140,
	stClosedFollowed: 100,
}

var femaleNames = []string{
	"Anne", "Kirsten", "Mette", "Hanne", "Helle", "Anna", "Susanne", "Lene", "Maria", "Marianne",
	"Lone", "Camilla", "Pia", "Louise", "Charlotte", "Tina", "Gitte", "Bente", "Karen", "Jette",
	"Julie", "Ida", "Emma", "Sofie", "Laura", "Freja", "Cecilie", "Signe", "Line", "Rikke",
}

var maleNames = []string{
	"Peter", "Michael", "Lars", "Jens", "Thomas", "Henrik", "Søren", "Christian", "Martin", "Jan",
	"Morten", "Jesper", "Anders", "Niels", "Mads", "Rasmus", "Per", "Kim", "Hans", "Jørgen",
	"Mikkel", "Frederik", "Jonas", "Emil", "Magnus", "Oliver", "Lucas", "Tobias", "Kasper", "Bo",
}

var surnames = []string{
	"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
	"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
	"Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen",
	"Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen", "Holm", "Kristiansen",
	"Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard",
}

var streets = []string{
	"Prøvevej", "Eksempelgade", "Demovej", "Testvænget", "Fiktivvej", "Opdigtet Allé",
	"Skabelonvej", "Attrapstræde", "Modelvej", "Øvelsesvej", "Kladdegade", "Påskudsvej",
}

var towns = []string{
	"4000 Roskilde", "4100 Ringsted", "4180 Sorø", "4200 Slagelse", "4300 Holbæk",
	"9500 Hobro", "9550 Mariager", "8000 Aarhus C", "5000 Odense C", "2630 Taastrup",
}

var floors = []string{"", "", "", ", st. tv.", ", st. th.", ", 1. tv.", ", 1. th.", ", 2. tv.", ", 2. th.", ", 3. mf."}

// Free text is in Danish, the desk's working language, as a caseworker
// would write it; closed vocabularies use the ids of package model.

var referralNotes = []string{
	"Huslejerestance i tre måneder; boligforeningen er bekymret.",
	"Er ikke mødt op i jobcentret siden foråret.",
	"Naboerne fortæller, at lejligheden er meget forsømt.",
	"Udskrevet fra psykiatrisk afdeling uden aftalt opfølgning.",
	"Familien er bekymret: lever isoleret og tager ikke telefonen.",
	"Posten hober sig op; strømmen kan blive lukket.",
	"Er holdt op med at tage medicinen, siger egen læge.",
	"Bor hos skiftende venner; har ingen fast adresse.",
	"Er faldet fra uddannelsen; ingen kontakt med studievejlederen.",
	"", "", "",
}

var places = []string{
	"i hjemmet", "i hjemmet", "i hjemmet", "på værestedet", "på biblioteket", "på boligkontoret",
	"på psykiatrisk afdeling", "hos en pårørende", "på kontoret", "på en café", "på en gåtur",
}

// rejectReasons are typed by the coordinator at triage: free text.
var rejectReasons = []string{
	"Ikke i målgruppen for fremskudt sagsbehandling",
	"Er allerede kendt i ordinær sagsbehandling",
	"Hører under en anden afdeling",
	"Bor i en anden kommune",
}

// Close reasons (model.CloseReasons ids), before and after a first meeting.
var (
	earlyCloseReasons = []string{"no_contact", "no_contact", "declined", "moved"}
	closeReasons      = []string{"handed_over", "handed_over", "handed_over", "no_need", "moved", "other"}
)

// outcomes are model.Outcomes ids; ordinary casework names its unit in the note.
var (
	outcomes      = []string{"ordinary_casework", "ordinary_casework", "ordinary_casework", "network_or_volunteers", "no_need", "other"}
	ordinaryUnits = []string{"Jobcentret", "Socialpsykiatri og handicap", "Ydelsesafdelingen", "Boligsocialt team"}
)

// goalTitles are in the citizen's own words (seed 002: the goals are the citizen's).
var goalTitles = []string{
	"Jeg vil betale min husleje til tiden",
	"Jeg vil tale med min læge om min søvn",
	"Jeg vil have et budget, jeg kan holde",
	"Jeg vil møde andre mennesker en gang om ugen",
	"Jeg vil have styr på min lejlighed",
	"Jeg vil i gang med en uddannelse igen",
	"Jeg vil beholde min bolig",
	"Jeg vil have hjælp til at åbne min post",
	"Jeg vil finde et job med få timer",
	"Jeg vil se mine børn oftere",
	"Jeg vil drikke mindre",
	"Jeg vil gå en tur hver dag",
}

var taskTitles = []string{
	"Søge boligstøtte",
	"Bestille tid hos egen læge",
	"Sende budget til gældsrådgiveren",
	"Kontakte distriktspsykiatrien",
	"Aftale hjemmebesøg med SKP",
	"Ringe til boligforeningen om restancen",
	"Finde et værested tæt på hjemmet",
	"Søge om socialpædagogisk støtte (§ 85)",
	"Sende referat til alle deltagere",
	"Aftale næste møde",
}

var taskOwners = []string{"borgeren", "borgeren", "jobcentret", "egen læge", "boligforeningen", "distriktspsykiatrien", "SKP"}

var channelWeights = []int{35, 5, 15, 15, 20, 10} // model.Channels: phone mail sms letter visit network

// gen makes cases; one per goroutine.
type gen struct {
	*tables
	seed  uint64
	today model.Date
	year  int // today's, for the ids
	width int
	pcg   rand.PCG
	r     *rand.Rand

	// Cases made by one gen share backing arrays, allocated in slabs:
	// a million cases are a few thousand allocations, not tens of
	// millions. Each case's slices are capped, so appending to one copies
	// it rather than overwrite a neighbour.
	events     slab[model.Event]
	bools      slab[bool]
	screenings slab[model.Screening]
	strs       slab[string]
	goalSlab   slab[model.Goal]
	taskSlab   slab[model.Task]

	offs   []int    // the events' day offsets while a case is built
	text   []byte   // a case's strings, made into one string
	ticked []string // scratch for the screening rule
}

// tables are the generator's fixed data, made once.
type tables struct {
	cal       *model.Calendar
	stageCum  []int
	sourceCum []int
	chanCum   []int
	cat1      []string
	cat2      []model.Criterion
	asciiF    []string
	asciiM    []string
	asciiS    []string
}

var theTables = sync.OnceValue(func() *tables {
	t := &tables{cal: model.DefaultCalendar()}
	t.stageCum = cumulative(stageWeights[:])
	ws := make([]int, len(Sources))
	for i, id := range Sources {
		ws[i] = max(1, sourceWeights[id])
	}
	t.sourceCum = cumulative(ws)
	t.chanCum = cumulative(channelWeights)
	for _, c := range model.Criteria {
		if c.Category == 1 {
			t.cat1 = append(t.cat1, c.ID)
		} else {
			t.cat2 = append(t.cat2, c)
		}
	}
	t.asciiF = asciiAll(femaleNames)
	t.asciiM = asciiAll(maleNames)
	t.asciiS = asciiAll(surnames)
	return t
})

func newGen(total int, seed int64, today model.Date) *gen {
	y, _, _ := today.YMD()
	g := &gen{tables: theTables(), seed: uint64(seed), today: today, year: y, width: IDWidth(total)}
	g.r = rand.New(&g.pcg)
	return g
}

// slabLen is how many elements a slab holds.
const slabLen = 2048

type slab[T any] struct{ buf []T }

// take returns n zeroed elements with no room to grow.
func (s *slab[T]) take(n int) []T {
	s.reserve(n)
	k := len(s.buf)
	s.buf = s.buf[:k+n]
	return s.buf[k : k+n : k+n]
}

// reserve makes room for n more elements without moving the slab.
func (s *slab[T]) reserve(n int) {
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]T, 0, max(n, slabLen))
	}
}

func cumulative(ws []int) []int {
	out := make([]int, len(ws))
	sum := 0
	for i, w := range ws {
		sum += w
		out[i] = sum
	}
	return out
}

func asciiAll(names []string) []string {
	r := strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "Æ", "Ae", "Ø", "Oe", "Å", "Aa")
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(r.Replace(n))
	}
	return out
}

// splitmix64 spreads a counter over 64 bits, so neighbouring case numbers
// get unrelated random streams.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) chance(p float64) bool  { return g.r.Float64() < p }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *gen) weighted(cum []int) int {
	x := g.r.IntN(cum[len(cum)-1])
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return len(cum) - 1
}

// prevWorkday is d if it is a working day, else the working day before it.
func (g *gen) prevWorkday(d model.Date) model.Date {
	for !g.cal.IsWorkingDay(d) {
		d--
	}
	return d
}

// maxEvents is the most events a case gets.
const maxEvents = 16

// add appends an event to the case being built, off days after the referral.
func (g *gen) add(t model.EventType, off int) *model.Event {
	// The slab is zeroed and has room (makeCase reserved it): set the
	// fields rather than copy a whole Event in.
	n := len(g.events.buf)
	g.events.buf = g.events.buf[:n+1]
	e := &g.events.buf[n]
	e.Type = t
	g.offs = append(g.offs, off)
	return e
}

// makeCase builds case number i (0-based) into c.
func (g *gen) makeCase(c *model.Case, i int) {
	g.pcg.Seed(splitmix64(g.seed), splitmix64(g.seed^splitmix64(uint64(i))))
	g.offs = g.offs[:0]
	g.events.reserve(maxEvents) // so that add never moves the slab
	first := len(g.events.buf)
	st := stage(g.weighted(g.stageCum))
	cw := pick(g, Caseworkers)

	// The timeline, in days from the referral (offset 0). now is today's
	// offset; it is chosen so that the obligation the case is waiting for
	// is mostly not yet due, and overdue for a few.
	last := 0
	at := func(t model.EventType, off int) *model.Event {
		last = max(last, off)
		e := g.add(t, off)
		e.By = cw
		return e
	}
	// dueIn picks today's offset for an obligation due about days after
	// start: on time for most cases, overdue for about one in ten.
	dueIn := func(start, days int) int {
		if g.chance(0.1) {
			return max(last, start+days+g.between(2, 20))
		}
		return max(last, start+g.between(0, days))
	}
	// gap is a delay that meets a deadline of about days, or misses it
	// for some cases: the obligation is then met late.
	gap := func(lo, days int) int {
		if g.chance(0.15) {
			return g.between(days+2, days+10)
		}
		return g.between(lo, days)
	}

	ref := at(model.ReferralReceived, 0)
	ref.Source = Sources[g.weighted(g.sourceCum)]
	ref.ReceivedBy = pick(g, Caseworkers)
	ref.By = ref.ReceivedBy
	ref.Note = pick(g, referralNotes)
	refFirst, refLast := "", ""
	if ref.Source != "citizen_or_relative" || g.chance(0.5) { // else the citizen came in person
		refFirst, refLast = g.personName()
	}

	var now, fm, held, assigned int
	hasFM, hasHeld := false, false
	switch st {
	case stReferral:
		now = g.between(0, 10)
		if g.chance(0.15) {
			now = g.between(11, 40) // a few have waited long for triage
		}
	case stRejected:
		e := at(model.Rejected, g.between(1, 6))
		e.Reason, e.By = pick(g, rejectReasons), Coordinator
		now = last + g.between(0, 90)
	default:
		assigned = gap(0, 3)
		a := at(model.Assigned, assigned)
		a.To, a.By = cw, Coordinator
		if st == stAssigned {
			now = dueIn(last, 3)
			break
		}
		// Contact attempts: the last one reaches the citizen once the
		// case is past stTrying.
		n := g.between(1, 3)
		off := last + gap(0, 2)
		for k := 0; k < n; k++ {
			reached := k == n-1 && st != stTrying && (st != stClosedEarly || g.chance(0.4))
			e := at(model.ContactAttempt, off)
			e.Channel = model.Channels[g.weighted(g.chanCum)].ID
			e.Reached = &g.bools.take(1)[0]
			*e.Reached = reached
			if reached && st == stClosedEarly {
				e.Note = "Takkede nej til videre kontakt"
			}
			off += g.between(1, 5)
		}
		switch st {
		case stTrying:
			now = last + g.between(0, 20)
		case stReached:
			now = dueIn(last, 7)
		case stClosedEarly:
			e := at(model.Closed, last+g.between(3, 30))
			e.Reason = pick(g, earlyCloseReasons)
			now = last + g.between(0, 100)
		default:
			fm = last + gap(1, 7)
			hasFM = true
			at(model.FirstMeeting, fm).Place = pick(g, places)
		}
	}

	if hasFM {
		if st == stFirstMeeting {
			now = dueIn(fm, 3)
		} else {
			at(model.AdviceGiven, fm+gap(0, 2))
		}
		// Coordination: always for the coordinating stages, for some of
		// the later ones.
		coord := st == stCoordPlanned || st == stCoordHeld || st == stMinutes ||
			(st >= stAssessed && g.chance(0.6))
		external := g.chance(0.45)
		if coord {
			p := at(model.CoordinationPlanned, fm+g.between(0, 3))
			p.Scope = "internal"
			due := 7
			if external {
				p.Scope, due = "external", 20
			}
			if st == stCoordPlanned {
				now = dueIn(fm, due)
			} else {
				held = fm + gap(2, due)
				hasHeld = true
				at(model.MeetingHeld, held).Kind = "coordinating"
				minutes := st != stCoordHeld && (st == stMinutes || g.chance(0.9))
				if minutes {
					at(model.MinutesSent, held+gap(0, 6))
				}
			}
		}
		switch st {
		case stAdvice:
			now = dueIn(fm, 30)
		case stCoordHeld:
			now = dueIn(held, 7)
		case stMinutes:
			now = dueIn(fm, 30)
		}
		if st >= stAssessed {
			na := fm + gap(10, 30)
			if hasHeld {
				na = max(na, held+g.between(0, 5))
			}
			e := at(model.NeedsAssessed, na)
			e.Outcome = pick(g, outcomes)
			if e.Outcome == "ordinary_casework" {
				e.Note = pick(g, ordinaryUnits)
			}
			if g.chance(0.3) {
				at(model.MeetingHeld, na-g.between(1, 8)).Kind = "followup"
			}
			switch st {
			case stAssessed:
				now = last + g.between(0, 40)
			case stClosedWaiting, stClosedFollowed:
				cl := last + g.between(5, 40)
				at(model.Closed, cl).Reason = pick(g, closeReasons)
				if st == stClosedWaiting {
					now = cl + g.between(0, 175) // the follow-up window runs 3–6 months after closing
					if g.chance(0.08) {
						now = cl + g.between(190, 215)
					}
				} else {
					fu := cl + g.between(92, 175)
					if g.chance(0.1) {
						fu = cl + g.between(190, 205) // followed up late
					}
					at(model.FollowupDone, fu)
					now = fu + g.between(0, 30)
				}
			}
		}
	}

	// A few cases change caseworker along the way.
	if st >= stAssigned && g.chance(0.05) && last > assigned+1 {
		other := pick(g, Caseworkers)
		if other != cw {
			a := at(model.Assigned, g.between(assigned+1, last))
			a.To, a.By = other, Coordinator
		}
	}

	// Fix the timeline to the calendar: today is offset now; each event
	// moves back to a working day, which keeps their order.
	now = max(now, last)
	start := g.today - model.Date(now)
	evs := g.events.buf[first:len(g.events.buf):len(g.events.buf)]
	sortByOffset(evs, g.offs)
	for k := range evs {
		evs[k].Date = g.prevWorkday(start + model.Date(g.offs[k]))
	}
	referral := evs[0].Date // offset 0, and the sort is stable

	*c = model.Case{Profile: model.DefaultProfile, Events: evs}
	g.strings(c, i, refFirst, refLast)
	if st != stReferral || g.chance(0.7) {
		c.Screening = g.screening(c.Citizen.CPR, referral, st)
	}
	if hasFM {
		fmDate := g.prevWorkday(start + model.Date(fm))
		closed := st >= stClosedEarly
		c.Goals = g.goals(fmDate, closed)
		if hasHeld || g.chance(0.3) {
			from := fmDate
			if hasHeld {
				from = g.prevWorkday(start + model.Date(held))
			}
			c.Tasks = g.tasks(from, cw, closed)
		}
	}
}

// sortByOffset sorts the events by their offsets, with an insertion sort:
// the lists are short and nearly sorted, and it is stable, so events on one
// day keep the order they were made in.
func sortByOffset(evs []model.Event, offs []int) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && offs[j] < offs[j-1]; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
			offs[j], offs[j-1] = offs[j-1], offs[j]
		}
	}
}

func (g *gen) personName() (first, last string) {
	if g.chance(0.5) {
		return pick(g, femaleNames), pick(g, surnames)
	}
	return pick(g, maleNames), pick(g, surnames)
}

// strings fills the case's id, the citizen and the referrer's name. They
// are written into one buffer and made into one string, which the fields
// share: one allocation instead of eight.
func (g *gen) strings(c *model.Case, i int, refFirst, refLast string) {
	b := g.text[:0]
	mark := func() int { return len(b) }

	// id: "K-YYYY-NNNN", today's year and the case number, zero-padded
	// to g.width (see Range).
	b = append(b, "K-"...)
	b = strconv.AppendInt(b, int64(g.year), 10)
	b = append(b, '-')
	n := i + 1
	for k := len(strconv.Itoa(n)); k < g.width; k++ {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(n), 10)
	idEnd := mark()

	female := g.chance(0.5)
	names, ascii := maleNames, g.asciiM
	if female {
		names, ascii = femaleNames, g.asciiF
	}
	fi, si := g.r.IntN(len(names)), g.r.IntN(len(surnames))
	b = append(b, names[fi]...)
	b = append(b, ' ')
	if g.chance(0.15) { // a middle name
		b = append(b, pick(g, surnames)...)
		b = append(b, ' ')
	}
	b = append(b, surnames[si]...)
	nameEnd := mark()

	b = append(b, pick(g, streets)...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(g.between(1, 120)), 10)
	b = append(b, pick(g, floors)...)
	b = append(b, ", "...)
	b = append(b, pick(g, towns)...)
	addrEnd := mark()

	b = strconv.AppendInt(b, int64(g.between(20000000, 99999999)), 10)
	phoneEnd := mark()

	if g.chance(0.4) {
		b = append(b, ascii[fi]...)
		b = append(b, '.')
		b = append(b, g.asciiS[si]...)
		b = strconv.AppendInt(b, int64(g.between(1, 99)), 10)
		b = append(b, "@example.com"...)
	}
	mailEnd := mark()

	b = g.cpr(b, female)
	cprEnd := mark()

	if refFirst != "" {
		b = append(b, refFirst...)
		b = append(b, ' ')
		b = append(b, refLast...)
	}
	g.text = b

	s := string(b)
	c.ID = s[:idEnd]
	c.Citizen = model.Citizen{
		Name:    s[idEnd:nameEnd],
		Address: s[nameEnd:addrEnd],
		Phone:   s[addrEnd:phoneEnd],
		Email:   s[phoneEnd:mailEnd],
		CPR:     model.CPR(s[mailEnd:cprEnd]),
	}
	c.Events[0].Referrer = s[cprEnd:]
}

// cpr appends a number valid in form for a citizen aged 17–70 on the
// referral (18–70 today): its birth date is real and its seventh digit
// gives the right century.
func (g *gen) cpr(b []byte, female bool) []byte {
	// Most citizens are in the screening rule's age bands (17–65).
	age := g.between(18, 65)
	if g.chance(0.08) {
		age = g.between(66, 70)
	}
	// Born between age+1 years ago (exclusive) and age years ago.
	to := g.today.AddMonths(-12 * age)
	from := g.today.AddMonths(-12*(age+1)) + 1
	birth := from + model.Date(g.r.IntN(int(to-from)+1))
	y, m, d := birth.YMD()
	yy := y % 100
	var c7 byte
	switch {
	case y >= 2000: // 4 or 9 for years 00–36, 5–8 for 00–57
		if yy <= 36 && g.chance(0.5) {
			c7 = "49"[g.r.IntN(2)]
		} else {
			c7 = byte('5' + g.r.IntN(4))
		}
	case yy >= 37 && g.chance(0.2):
		c7 = "49"[g.r.IntN(2)]
	default:
		c7 = byte('0' + g.r.IntN(4))
	}
	last := g.r.IntN(5) * 2
	if !female {
		last++
	}
	b = append2(b, d)
	b = append2(b, int(m))
	b = append2(b, yy)
	return append(b, c7, byte('0'+g.r.IntN(10)), byte('0'+g.r.IntN(10)), byte('0'+last))
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// screening fills the screening form: for accepted cases mostly criteria
// that meet the rule, for rejected ones mostly not; where the decision goes
// against the rule, a justification.
func (g *gen) screening(cpr model.CPR, referral model.Date, st stage) *model.Screening {
	s := &g.screenings.take(1)[0]
	s.Date = referral
	accepted := st != stRejected && st != stReferral
	meet := g.chance(0.85)
	if !accepted {
		meet = g.chance(0.25)
	}
	ticked := g.ticked[:0]
	if meet || g.chance(0.5) {
		ticked = append(ticked, pick(g, g.cat1))
		if g.chance(0.4) {
			if c := pick(g, g.cat1); c != ticked[0] {
				ticked = append(ticked, c)
			}
		}
	}
	n1 := len(ticked)
	n := 1
	if meet {
		n = g.between(2, 5)
	}
	topics := 0
	for tries := 0; len(ticked)-n1 < n && tries < 20; tries++ {
		c := pick(g, g.cat2)
		bit := 1 << (c.Topic[0] - 'a')
		if slicesContains(ticked[n1:], c.ID) || (meet && len(ticked) == n1+1 && topics&bit != 0) {
			continue
		}
		topics |= bit
		ticked = append(ticked, c.ID)
	}
	g.ticked = ticked
	if n1 > 0 {
		s.Category1 = g.strs.take(n1)
		copy(s.Category1, ticked[:n1])
	}
	s.Category2 = g.strs.take(len(ticked) - n1)
	copy(s.Category2, ticked[n1:])
	res := model.EvaluateScreening(cpr.AgeOn(referral), ticked)
	s.Recommended, s.Reason = res.Recommended, string(res.Reason)
	switch st {
	case stReferral:
		s.InTargetGroup = res.Recommended
	case stRejected:
		s.InTargetGroup = false
	default:
		s.InTargetGroup = true
	}
	if s.InTargetGroup != s.Recommended {
		if s.InTargetGroup {
			s.Justification = "Tydelige tegn på psykiske vanskeligheder og ingen kontakt med støttesystemet; reglen fanger det ikke."
		} else {
			s.Justification = "Har allerede en sagsbehandler, der kan tage sagen i ordinær sagsbehandling."
		}
	}
	return s
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// goals are the agreement's goals, set at the first meeting. Most have a
// follow-up date; most of those that have passed are followed up.
func (g *gen) goals(fm model.Date, closed bool) []model.Goal {
	if !g.chance(0.6) {
		return nil
	}
	out := g.goalSlab.take(g.between(1, 3))
	first := g.r.IntN(len(goalTitles))
	for k := range out {
		gl := &out[k]
		gl.Title = goalTitles[(first+k)%len(goalTitles)] // different goals
		if g.chance(0.2) {
			continue
		}
		gl.FollowUp = g.clampAhead(fm + model.Date(g.between(14, 90)))
		if gl.FollowUp <= g.today && (closed || g.chance(0.85)) {
			gl.FollowedUp = true
			gl.FollowedUpOn = g.done(gl.FollowUp)
		}
	}
	return out
}

// tasks are agreed tasks, from a coordinating meeting or a meeting with
// the citizen on date from.
func (g *gen) tasks(from model.Date, cw string, closed bool) []model.Task {
	out := g.taskSlab.take(g.between(1, 3))
	first := g.r.IntN(len(taskTitles))
	for k := range out {
		t := &out[k]
		t.Title = taskTitles[(first+k)%len(taskTitles)] // different tasks
		t.Owner = cw
		if g.chance(0.5) {
			t.Owner = pick(g, taskOwners)
		}
		if g.chance(0.15) {
			continue
		}
		t.Due = g.clampAhead(from + model.Date(g.between(3, 30)))
		switch {
		case t.Due <= g.today && (closed || g.chance(0.85)):
			t.Done, t.DoneOn = true, g.done(t.Due)
		case t.Due > g.today && g.chance(0.2):
			t.Done, t.DoneOn = true, max(from, g.today-model.Date(g.between(0, 3)))
		}
	}
	return out
}

// clampAhead keeps a date the user sets within a week after today.
func (g *gen) clampAhead(d model.Date) model.Date {
	if limit := g.today + aheadDays; d > limit {
		return g.today + model.Date(g.between(0, aheadDays))
	}
	return d
}

// done is the day work due on due was done: mostly on time, some late,
// never after today.
func (g *gen) done(due model.Date) model.Date {
	d := due - model.Date(g.between(0, 5))
	if g.chance(0.15) {
		d = due + model.Date(g.between(1, 10))
	}
	return min(d, g.today)
}
