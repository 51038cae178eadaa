package db

import (
	"encoding/json"
	"fmt"

	"tovholder/model"
)

// encodeCase is how a case is kept in the cases bucket.
func encodeCase(c *model.Case) ([]byte, error) { return json.Marshal(c) }

// decodeCase reads a case kept by encodeCase; k names it in the error.
func decodeCase(k, v []byte, c *model.Case) error {
	if err := json.Unmarshal(v, c); err != nil {
		return fmt.Errorf("case %q is unreadable: %w", k, err)
	}
	return nil
}
