package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// readCSV reads a CSV (or tab-separated) file as one sheet. The encoding and
// the delimiter (',' ';' or tab; tab for .tsv) are detected, and an Excel
// "sep=;" first line is honoured. Positions are line and field numbers,
// poland.csv:14:3.
//
// The file is read twice, streaming, and never held: a first pass finds
// its encoding (whether all of it is UTF-8) and counts its lines, a second
// decodes its rows one by one, so that memory does not grow with its size.
// Both passes stop at Options.MaxFileBytes.
func (im *importer) readCSV(path string, f io.ReadSeeker, tsv bool, rep *FileReport) {
	sr := SheetReport{}
	defer func() { rep.Sheets = append(rep.Sheets, sr) }()
	fail := func(row int, format string, args ...any) {
		im.ps.Add(dataset.CodeEncoding, dataset.Error, dataset.Pos{File: path, Row: row}, "", format, args...)
		sr.Skip = "unreadable"
	}
	readFail := func(err error) {
		code, msg := inputProblem(err)
		if code == "" {
			code = dataset.CodeFile
		}
		im.ps.Add(code, dataset.Error, dataset.Pos{File: path}, "", "%s", msg)
		sr.Skip = "unreadable"
	}
	scan, err := scanText(limitReader(f, im.opts))
	if err != nil {
		readFail(err)
		return
	}
	forced := ""
	if im.opts.Encoding != "" {
		forced, _ = lookupEncoding(im.opts.Encoding)
	}
	enc, skip, err := detectEncoding(scan, forced)
	if err != nil {
		fail(scan.badLine, "%v", err)
		return
	}
	if _, err := f.Seek(int64(skip), io.SeekStart); err != nil {
		readFail(err)
		return
	}
	text := bufio.NewReaderSize(decodeReader(limitReader(f, im.opts), enc), 1<<20)
	if b, _ := text.Peek(3); string(b) == "\uFEFF" {
		text.Discard(3)
	}
	// The first MiB of the text, up to its last line end, for the
	// delimiter and an Excel "sep=" line.
	head, _ := text.Peek(1 << 20)
	if len(head) == 1<<20 {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	sample := string(head)
	skipLines := 0
	delim := rune(0)
	if tsv {
		delim = '\t'
	}
	if first, rest, ok := strings.Cut(sample, "\n"); ok || first != "" {
		f := strings.TrimRight(first, "\r")
		if len(f) == 5 && strings.HasPrefix(strings.ToLower(f), "sep=") {
			delim, sample, skipLines = rune(f[4]), rest, 1
			text.Discard(len(first) + min(1, len(head)-len(first)))
		}
	}
	if delim == 0 {
		delim = detectDelimiter(sample)
	}
	cr := csv.NewReader(text)
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	src := &source{
		file: path, total: scan.lines + 1,
		tableHint: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		next: func() ([]string, int, error) {
			rec, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) && !errors.Is(err, ErrTooLarge) {
					return nil, pe.StartLine + skipLines, fmt.Errorf("line %d: %v", pe.StartLine+skipLines, pe.Err)
				}
				return nil, 0, err
			}
			line, _ := cr.FieldPos(0)
			return rec, line + skipLines, nil
		},
	}
	im.readSheet(src, &sr)
}

// detectDelimiter picks the delimiter of CSV text among ';', ',' and tab:
// the one that splits the most of the first 50 records into the same
// number (more than one) of fields.
func detectDelimiter(text string) rune {
	sample := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' {
			if n++; n == 50 {
				sample = text[:i]
				break
			}
		}
	}
	best, bestScore, bestWidth := ',', 0, 0
	for _, d := range []rune{';', ',', '\t'} {
		cr := csv.NewReader(strings.NewReader(sample))
		cr.Comma = d
		cr.LazyQuotes = true
		cr.FieldsPerRecord = -1
		counts := map[int]int{}
		for {
			rec, err := cr.Read()
			if err == io.EOF || err != nil && !errors.As(err, new(*csv.ParseError)) {
				break
			}
			if err != nil {
				continue
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score, width := 0, 0
		for w, c := range counts {
			if c > score || c == score && w > width {
				score, width = c, w
			}
		}
		if score > bestScore || score == bestScore && width > bestWidth {
			best, bestScore, bestWidth = d, score, width
		}
	}
	return best
}
