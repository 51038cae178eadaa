package db

import (
	"bytes"
	jsonv1 "encoding/json"
	"fmt"
	"sync"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/klauspost/compress/s2"

	"tovholder/model"
)

// How a case is kept in the cases bucket. Two forms are read:
//
//   - its JSON, as written by every version before the marker below (the
//     first byte is '{');
//   - markerS2 and then its JSON compressed as one S2 block against
//     caseDict: about 40 % of the size, and quick to make and to read
//     (a case of 1.2 KB compresses in 2 µs and decompresses in 0.6 µs
//     here, where zstd took 12 µs and flate 20 µs; see docs/BENCHMARKS.md).
//
// A case is small, so most of what compresses in it is what it shares
// with every other case: its keys and the closed vocabularies. caseDict
// holds them, as the JSON of an imagined case, for the block to refer to.
const markerS2 = 0x01

// caseDictText must never change: every stored case written with
// markerS2 depends on it byte for byte. A better dictionary needs a new
// marker (and this one kept for reading).
const caseDictText = `{"id":"K-2026-0001","profile":"fremskudt","citizen":{"name":"","cpr":"0101901234","birth_date":"1990-01-01",` +
	`"address":"vej 1, 1. th., 4000 ","phone":"12345678","email":"@example.dk"},"previous":"K-2025-0001","screening":{"date":"2026-11-01",` +
	`"category1":["c1_no_help","c1_misses_appointments","c1_no_answer"],"category2":["a_no_contact","a_absence","a_dropped_activities",` +
	`"b_no_income","b_unpaid_bills","b_eviction_risk","b_bailiff_risk","b_missing_benefits","b_cannot_manage_money","c_no_network",` +
	`"c_lonely","c_avoids_contact","d_neglected_home","d_hoarding","d_bothers_neighbours","d_animals","d_homeless","d_sofa_surfing",` +
	`"e_no_medication","e_no_treatment_contact","f_substance_abuse","g_crime"],"recommended":false,"reason":"adult_met",` +
	`"in_target_group":true,"justification":""},"events":[` +
	`{"type":"referral_received","date":"2026-11-02","source":"citizen_or_relative","referrer":"","received_by":"","note":"","by":""},` +
	`{"type":"referral_received","date":"2026-11-02","source":"housing_association","referrer":"","received_by":"","note":"","by":""},` +
	`{"type":"assigned","date":"2026-11-03","to":"","by":""},` +
	`{"type":"rejected","date":"2026-11-03","reason":"","by":""},` +
	`{"type":"contact_attempt","date":"2026-11-04","channel":"phone","reached":false,"by":""},` +
	`{"type":"contact_attempt","date":"2026-11-05","channel":"visit","reached":true,"by":""},` +
	`{"type":"first_meeting","date":"2026-11-10","place":"","by":""},` +
	`{"type":"advice_given","date":"2026-11-11","by":""},` +
	`{"type":"coordination_planned","date":"2026-11-10","scope":"internal","by":""},` +
	`{"type":"meeting_held","date":"2026-11-24","kind":"coordinating","by":""},` +
	`{"type":"meeting_held","date":"2026-11-24","kind":"followup","by":""},` +
	`{"type":"minutes_sent","date":"2026-11-26","by":""},` +
	`{"type":"needs_assessed","date":"2026-12-01","outcome":"ordinary_casework","by":""},` +
	`{"type":"closed","date":"2027-02-01","reason":"handed_over","by":""},` +
	`{"type":"followup_done","date":"2027-06-01","by":""},` +
	`{"type":"note","date":"2026-11-12","note":"","by":"","annulled":{"date":"2026-11-12","by":"","reason":""}}],` +
	`"goals":[{"title":"","follow_up":"2026-12-15","followed_up":false},{"title":"","follow_up":"2026-12-15","followed_up":true,"followed_up_on":"2026-12-15"}],` +
	`"tasks":[{"title":"","owner":"","due":"2026-12-03","done":false},{"title":"","owner":"","due":"2026-12-03","done":true,"done_on":"2026-12-02"}]}`

// caseDict is caseDictText with S2's initial repeat offset, 0, in front.
var caseDict = s2.NewDict(append([]byte{0}, caseDictText...))

// stored reads a stored case leniently: fields it does not know (written
// by a newer version) are left out, as encoding/json did.
var stored = json.JoinOptions(jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))

// maxCaseSize bounds what a stored case may decompress to: far above any
// real case, and small enough that a damaged length cannot exhaust memory.
const maxCaseSize = 64 << 20

// codecBuf is the scratch space of one encode or decode.
type codecBuf struct {
	json bytes.Buffer
	enc  *jsonv1.Encoder
	s2   []byte
}

var codecBufs = sync.Pool{New: func() any {
	b := &codecBuf{}
	b.enc = jsonv1.NewEncoder(&b.json)
	b.enc.SetEscapeHTML(false)
	return b
}}

// encodeCase is how a case is kept in the cases bucket: a new slice of
// its own (bbolt keeps the value until the transaction commits).
func encodeCase(c *model.Case) ([]byte, error) {
	b := codecBufs.Get().(*codecBuf)
	defer codecBufs.Put(b)
	b.json.Reset()
	if err := b.enc.Encode(c); err != nil {
		return nil, err
	}
	js := b.json.Bytes()
	js = js[:len(js)-1] // the Encoder's newline
	if len(js) > maxCaseSize {
		return nil, fmt.Errorf("case %q is too large to store (%d bytes of JSON)", c.ID, len(js))
	}
	if n := s2.MaxEncodedLen(len(js)); cap(b.s2) < n {
		b.s2 = make([]byte, n)
	}
	packed := caseDict.Encode(b.s2[:cap(b.s2)], js)
	out := make([]byte, 1+len(packed))
	out[0] = markerS2
	copy(out[1:], packed)
	return out, nil
}

// decodeCase reads a case kept by encodeCase, or by a version before it;
// k names it in the error.
func decodeCase(k, v []byte, c *model.Case) error {
	if len(v) > 0 && v[0] == markerS2 {
		b := codecBufs.Get().(*codecBuf)
		defer codecBufs.Put(b)
		n, err := s2.DecodedLen(v[1:])
		if err == nil && n > maxCaseSize {
			err = fmt.Errorf("it claims %d bytes", n) // damaged: do not allocate that much
		}
		if err != nil {
			return fmt.Errorf("case %q is unreadable: %w", k, err)
		}
		if cap(b.s2) < n {
			b.s2 = make([]byte, n)
		}
		js, err := caseDict.Decode(b.s2[:n], v[1:])
		if err != nil {
			return fmt.Errorf("case %q is unreadable: %w", k, err)
		}
		v = js
	}
	if err := json.Unmarshal(v, c, stored); err != nil {
		return fmt.Errorf("case %q is unreadable: %w", k, err)
	}
	return nil
}
