package importers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// readCSV reads a CSV (or tab-separated) file as one sheet. The encoding and
// the delimiter (',' ';' or tab; tab for .tsv) are detected, and an Excel
// "sep=;" first line is honoured. Positions are line and field numbers,
// poland.csv:14:3.
func (im *importer) readCSV(path string, tsv bool, rep *FileReport) {
	sr := SheetReport{}
	defer func() { rep.Sheets = append(rep.Sheets, sr) }()
	fail := func(row int, format string, args ...any) {
		im.ps.Add(dataset.CodeEncoding, dataset.Error, dataset.Pos{File: path, Row: row}, "", format, args...)
		sr.Skip = "unreadable"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		im.ps.Add(dataset.CodeFile, dataset.Error, dataset.Pos{File: path}, "", "%v", unwrapPath(err))
		sr.Skip = "unreadable"
		return
	}
	forced := ""
	if im.opts.Encoding != "" {
		forced, _ = lookupEncoding(im.opts.Encoding)
	}
	text, _, line, err := decodeText(data, forced)
	data = nil
	if err != nil {
		fail(line, "%v", err)
		return
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	skipLines := 0
	delim := rune(0)
	if tsv {
		delim = '\t'
	}
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		f := strings.TrimRight(first, "\r")
		if len(f) == 5 && strings.HasPrefix(strings.ToLower(f), "sep=") {
			delim, text, skipLines = rune(f[4]), rest, 1
		}
	}
	if delim == 0 {
		delim = detectDelimiter(text)
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	total := strings.Count(text, "\n") + 1
	src := &source{
		file: path, total: total,
		tableHint: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		next: func() ([]string, int, error) {
			rec, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
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
