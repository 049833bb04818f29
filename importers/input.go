package importers

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Every input file is opened by openInput, which refuses anything but a
// regular file (a device such as /dev/zero linked as zero.csv, a FIFO or
// a socket would block or never end), and read through a reader that fails
// past Options.MaxFileBytes: the limit is on what is read, not on the size
// the file claims.

// CodeTooLarge is the problem code of an input file larger than
// Options.MaxFileBytes. An import with such a problem reads nothing more
// of that file.
const CodeTooLarge = "file-too-large"

// ErrTooLarge is wrapped by the errors of reading past the limit.
var ErrTooLarge = errors.New("the file is larger than the limit")

// tooLargeError is a file larger than the limit: by its size when it is
// known (size > 0), or found while reading.
type tooLargeError struct {
	size, limit int64
	setting     string
}

func (e *tooLargeError) Error() string {
	what := "the file holds more than the limit of " + mib(e.limit)
	if e.size > 0 {
		what = fmt.Sprintf("the file is %s, larger than the limit of %s", mib(e.size), mib(e.limit))
	}
	if e.setting == "" {
		return what + "; it is not read"
	}
	return fmt.Sprintf("%s; to read it, raise %s", what, e.setting)
}

func (e *tooLargeError) Unwrap() error { return ErrTooLarge }

// specialFileError is a path that is not a regular file.
type specialFileError struct{ mode fs.FileMode }

func (e *specialFileError) Error() string {
	what := "a special file"
	switch m := e.mode; {
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeIrregular != 0:
		what = "not a regular file"
	}
	return fmt.Sprintf("is %s, not a file: give a spreadsheet saved as a file", what)
}

// openInput opens an input file, refusing a folder, anything else that is
// not a regular file (after following links) and a file larger than
// opts.MaxFileBytes. The file is checked again once open, in case the path
// changed in between; opening a FIFO would block, so it is checked first.
func openInput(path string, opts Options) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := checkInput(st, opts); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if st, err = f.Stat(); err == nil {
		err = checkInput(st, opts)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

var errFolder = errors.New("is a folder, not a file")

func checkInput(st fs.FileInfo, opts Options) error {
	switch {
	case st.IsDir():
		return errFolder
	case !st.Mode().IsRegular():
		return &specialFileError{st.Mode().Type()}
	case opts.MaxFileBytes > 0 && st.Size() > opts.MaxFileBytes:
		return &tooLargeError{size: st.Size(), limit: opts.MaxFileBytes, setting: opts.MaxFileSetting}
	}
	return nil
}

// inputProblem returns the problem code and message of an error of
// openInput or of reading an input.
func inputProblem(err error) (code, msg string) {
	var tl *tooLargeError
	switch {
	case errors.As(err, &tl):
		return CodeTooLarge, tl.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "", "no such file"
	}
	return "", unwrapPath(err).Error()
}

// limitReader returns a reader of r that fails with a tooLargeError, rather
// than stopping quietly, once it has read more than opts.MaxFileBytes (no
// limit when that is 0).
func limitReader(r io.Reader, opts Options) io.Reader {
	if opts.MaxFileBytes <= 0 {
		return r
	}
	return &boundedReader{r: r, n: opts.MaxFileBytes + 1, err: &tooLargeError{limit: opts.MaxFileBytes, setting: opts.MaxFileSetting}}
}

type boundedReader struct {
	r   io.Reader
	n   int64 // bytes that may still be read, one more than the limit allows
	err error
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, b.err
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	if b.n <= 0 {
		return n - 1, b.err // the byte past the limit is not handed on
	}
	return n, err
}
