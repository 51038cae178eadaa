package model

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Config is the desk's configuration file.
type Config struct {
	Calendar CalendarConfig `json:"calendar"`
}

// ParseConfig reads a configuration file; what it leaves out keeps its default.
func ParseConfig(data []byte) (Config, error) {
	cfg := Config{Calendar: DefaultCalendarConfig()}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, fmt.Errorf("configuration: %s", describeJSONError(data, err))
	}
	return cfg, nil
}
