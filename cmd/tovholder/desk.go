package main

import (
	"errors"
	"io"
)

func cmdDesk(args []string, _ io.Reader, _ io.Writer) error {
	return errors.New("the desk is not built yet; use import, export and queue")
}
