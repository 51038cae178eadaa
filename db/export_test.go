package db

// ForgetSnapshots makes the next snapshot be read whole, for the benchmarks.
func (s *Store) ForgetSnapshots() { s.changedCase("") }
