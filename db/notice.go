package db

import "sync"

// Notice tells that a case changed: who did what, and its new version.
// Case is "" when many cases changed at once (an import). A notice about
// a user account (Account set: added, disabled, a key added) changes no
// case.
type Notice struct {
	Case    string
	User    string
	Action  string
	Version uint64
	Account string
}

// maxPending is how many notices a subscriber that does not keep up
// holds before they become one "many changed" notice.
const maxPending = 256

// Subscription receives the notices of every change committed to the
// store after it was made, from every desk and command in the process.
// The desk of each SSH session holds one, so that a save in one session
// shows in the others without anyone reading the file again to look.
type Subscription struct {
	hub     *hub
	mu      sync.Mutex
	pending []Notice
	closed  bool
	signal  chan struct{} // one token while notices are pending
}

type hub struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

// Subscribe starts a subscription; Close ends it.
func (s *Store) Subscribe() *Subscription {
	sub := &Subscription{hub: &s.hub, signal: make(chan struct{}, 1)}
	s.hub.mu.Lock()
	if s.hub.subs == nil {
		s.hub.subs = map[*Subscription]struct{}{}
	}
	s.hub.subs[sub] = struct{}{}
	s.hub.mu.Unlock()
	return sub
}

// notify tells every subscriber; it never waits for one.
func (s *Store) notify(n Notice) {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	for sub := range s.hub.subs {
		sub.add(n)
	}
}

func (sub *Subscription) add(n Notice) {
	sub.mu.Lock()
	if len(sub.pending) >= maxPending {
		sub.pending = append(sub.pending[:0], Notice{})
	} else {
		sub.pending = append(sub.pending, n)
	}
	sub.mu.Unlock()
	select {
	case sub.signal <- struct{}{}:
	default: // a token is waiting already
	}
}

// Wait blocks until there are notices and returns them, oldest first; nil
// once the subscription is closed.
func (sub *Subscription) Wait() []Notice {
	for {
		sub.mu.Lock()
		if sub.closed {
			sub.mu.Unlock()
			return nil
		}
		if len(sub.pending) > 0 {
			out := sub.pending
			sub.pending = nil
			sub.mu.Unlock()
			return out
		}
		sub.mu.Unlock()
		<-sub.signal
	}
}

// Close ends the subscription and lets a waiting Wait return nil.
func (sub *Subscription) Close() {
	sub.hub.mu.Lock()
	delete(sub.hub.subs, sub)
	sub.hub.mu.Unlock()
	sub.mu.Lock()
	sub.closed = true
	sub.mu.Unlock()
	select {
	case sub.signal <- struct{}{}:
	default:
	}
}
