package importers

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// Options controls an import. The zero value reads every sheet by its
// header, with no default country or source and no size limit.
type Options struct {
	// Jurisdiction is the country of rows and files that name none (a code
	// or name, as --jurisdiction gives it). A title row naming one country
	// ("Poland – legal reforms") does the same for its sheet; a country
	// column, where there is one, always wins.
	Jurisdiction string
	// Source is cited by rows that cite none: a URL, a title or the id of a
	// source (as --source gives it).
	Source string
	// Table forces every sheet to be read as this table (by its header).
	Table string
	// Encoding is the character encoding of CSV files (see Encodings); empty
	// detects it.
	Encoding string
	// MaxFileBytes refuses larger files; 0 means no limit. It bounds what
	// is read, whatever size a file claims.
	MaxFileBytes int64
	// MaxFileSetting names the setting that sets MaxFileBytes, for the
	// problem of a file larger than that to say what to raise ("import.max_file_mb
	// in config.yaml"); empty names none.
	MaxFileSetting string
	// MaxUnzipBytes bounds what one workbook may unpack to; 0 means
	// DefaultMaxUnzipBytes.
	MaxUnzipBytes int64
	// Existing is the dataset the import will be merged into, or nil. It is
	// only read: records the import would otherwise create (jurisdictions,
	// sources cited by URL or title) are not created again when it has
	// them.
	Existing *dataset.Dataset
	// PartRecords, when above 0, is how many records of the bulk tables
	// (campaigns, programmes, surveys) an import holds in memory: past
	// that, they are kept on disk, and Result.Parts gives them back part
	// by part, each of about this many records. 0 holds every record.
	PartRecords int
	// TempDir is where the records kept on disk go; empty for the
	// system's temporary folder.
	TempDir string
	// Synonyms is the user's synonyms folder: CSV files of the names and
	// format of the built-in tables (countries.csv, headers.csv...), any of
	// them, that extend those tables. Problems about a value no table maps
	// name the line to add there. Empty for the built-in tables only.
	Synonyms string
	// IgnoreColumns are headers of columns that are not data, read by no
	// field and not refused (compared as headers are, folded). Any other
	// column with values that maps to no field refuses the import.
	IgnoreColumns []string
	// Progress receives a progress bar, redrawn in place, while long sheets
	// are read; nil for none.
	Progress io.Writer
}

// DefaultMaxUnzipBytes bounds what one workbook may unpack to.
const DefaultMaxUnzipBytes = 1 << 30

// ErrOptions is wrapped by the errors Import returns for options that make
// no sense (an unknown table, encoding or country).
var ErrOptions = errors.New("bad import options")

// CodeConflict is the problem code of two rows, in one file or two, that
// give different facts for the same record.
const CodeConflict = "conflict-error"

// Result is what an import read.
type Result struct {
	// Dataset holds the records read, with their origins, ready to be
	// merged into an existing dataset (dataset.MergeInto). Records that
	// several rows give identically appear once.
	Dataset *dataset.Dataset
	// Files reports on each file, in the order given.
	Files []FileReport
	// Problems are every problem found, sorted by position. When it has
	// errors, Dataset must not be written.
	Problems dataset.Problems
	// Parts holds the records of the bulk tables when there were more than
	// Options.PartRecords of them; then Dataset has none of those tables'
	// records, and their problems come with each part. Nil otherwise.
	// Close it when done.
	Parts *Parts
}

// Records returns the number of records in the result's dataset.
func (r *Result) Records() int {
	n := 0
	for _, t := range dataset.Tables() {
		n += t.Len(r.Dataset)
	}
	if r.Parts != nil {
		n += r.Parts.Records()
	}
	return n
}

// FileReport says what was found in one file.
type FileReport struct {
	File     string
	Sheets   []SheetReport // every sheet (one for a CSV file), read or skipped
	Problems int           // problems positioned in this file
}

// SheetReport says what was found in one sheet.
type SheetReport struct {
	Name    string // the sheet's name; empty for a CSV file
	Table   string // the table read from it; empty when the sheet was skipped
	Layout  string // "rows" (one record per row) or "wide" (one row per country, one column per setting)
	Header  int    // the header's row (line of a CSV file)
	Rows    int    // data rows read
	Records int    // records made of them
	Skipped []Skip // rows skipped
	Skip    string // why the whole sheet was skipped, if it was
}

// Skip is a row that was skipped and why.
type Skip struct {
	Pos    dataset.Pos
	Reason string
}

// Tables returns the sheets of the file that were read as tables.
func (f FileReport) Tables() []SheetReport {
	var out []SheetReport
	for _, s := range f.Sheets {
		if s.Table != "" {
			out = append(out, s)
		}
	}
	return out
}

// String summarises the file in one line: tables found, rows imported,
// skipped, problems: "pl.xlsx: 1 table ('Przepisy' provisions), 3 rows read
// into 3 records, 1 row and 2 sheets skipped, 0 problems".
func (f FileReport) String() string {
	var tables []string
	rows, records, skippedRows, skippedSheets := 0, 0, 0, 0
	for _, s := range f.Sheets {
		skippedRows += len(s.Skipped)
		if s.Table == "" || s.Skip != "" {
			if s.Name != "" {
				skippedSheets++
			}
			continue
		}
		rows += s.Rows
		records += s.Records
		if s.Name != "" {
			tables = append(tables, fmt.Sprintf("'%s' %s", s.Name, s.Table))
		} else {
			tables = append(tables, s.Table)
		}
	}
	what := "no tables"
	if len(tables) > 0 {
		what = fmt.Sprintf("%s (%s)", plural(len(tables), "table"), strings.Join(tables, ", "))
	}
	var skipped []string
	if skippedRows > 0 {
		skipped = append(skipped, plural(skippedRows, "row"))
	}
	if skippedSheets > 0 {
		skipped = append(skipped, plural(skippedSheets, "sheet"))
	}
	skip := "nothing skipped"
	if len(skipped) > 0 {
		skip = strings.Join(skipped, " and ") + " skipped"
	}
	return fmt.Sprintf("%s: %s, %s read into %s, %s, %s",
		f.File, what, plural(rows, "row"), plural(records, "record"), skip, plural(f.Problems, "problem"))
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// importer is one Import call.
type importer struct {
	opts     Options
	lx       *lexicon
	table    *dataset.Table // forced table, or nil
	jur      string         // default jurisdiction from the options
	source   *sourceRef     // default source from the options
	recs     []*record
	ps       dataset.Problems
	progress *progress
	spill    *spill // the bulk records kept on disk (parts.go); nil when all are held
	spillErr error  // the first failure to keep them
	// stored is the source of each stored record, by table and id
	// (storedSource), made when first needed.
	stored map[*dataset.Table]map[string]string
}

// Import reads the files (.xlsx workbooks and .csv, .tsv or .txt files, in
// any mix) and returns the records they hold. Each file's problems are
// reported with their cells; a file that cannot be read at all (missing,
// too large, corrupt) is one problem and the other files are still read.
// The error is for options that make no sense (it wraps ErrOptions) and
// for synonym tables that do not load.
func Import(paths []string, opts Options) (*Result, error) {
	lx, err := loadUserLexicon(opts.Synonyms)
	if err != nil {
		return nil, err
	}
	im := &importer{opts: opts, lx: lx, progress: newProgress(opts.Progress)}
	if opts.Table != "" {
		im.table = dataset.TableByName(opts.Table)
		if im.table == nil {
			names := make([]string, 0, 8)
			for _, t := range dataset.Tables() {
				names = append(names, t.Name)
			}
			return nil, fmt.Errorf("%w: table %q: use one of %s", ErrOptions, opts.Table, strings.Join(names, ", "))
		}
	}
	if opts.Jurisdiction != "" {
		c, ok := lx.country(opts.Jurisdiction)
		if !ok {
			return nil, fmt.Errorf("%w: jurisdiction %q is not an ISO 3166-1 code or a country name cpmap knows", ErrOptions, opts.Jurisdiction)
		}
		im.jur = c
	}
	if opts.Encoding != "" {
		if _, err := lookupEncoding(opts.Encoding); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOptions, err)
		}
	}
	if s := clean(opts.Source); s != "" {
		im.source = parseSourceRef(s, "", "", "", dataset.Origin{})
	}
	if opts.PartRecords > 0 {
		im.spill = &spill{limit: opts.PartRecords, refIdx: map[*sourceRef]int{}, cited: map[string]bool{}, moved: map[string]int{}}
	}
	res := &Result{}
	fail := func(err error) (*Result, error) {
		if im.spill != nil && im.spill.ids != nil {
			(&Parts{sp: im.spill}).Close()
		}
		return nil, fmt.Errorf("import: keeping records on disk: %w", err)
	}
	for _, p := range paths {
		rep := im.readFile(p)
		res.Files = append(res.Files, rep)
	}
	if im.spillErr != nil {
		return fail(im.spillErr)
	}
	res.Dataset = im.assemble()
	if im.spill != nil && im.spill.ids != nil {
		groups, err := im.spill.finish(im)
		if err != nil {
			return fail(err)
		}
		res.Parts = newParts(im, im.spill, groups)
	}
	im.ps.Sort()
	res.Problems = im.ps
	for i := range res.Files {
		for _, p := range im.ps {
			if p.Pos.File == res.Files[i].File {
				res.Files[i].Problems++
			}
		}
	}
	return res, nil
}

// readFile reads one file of any supported kind.
func (im *importer) readFile(path string) (rep FileReport) {
	rep.File = path
	fail := func(format string, args ...any) FileReport {
		im.ps.Add(dataset.CodeFile, dataset.Error, dataset.Pos{File: path}, "", format, args...)
		return rep
	}
	defer func() {
		// A reader library that panics on a malformed file must not take
		// the whole import down: the file is reported as unreadable.
		if r := recover(); r != nil {
			fail("cannot read the file: it is malformed (%v)", r)
		}
	}()
	f, st, err := openInput(path, im.opts)
	if err != nil {
		code, msg := inputProblem(err)
		if code != "" {
			im.ps.Add(code, dataset.Error, dataset.Pos{File: path}, "", "%s", msg)
			return rep
		}
		return fail("%s", msg)
	}
	defer f.Close()
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".xlsm":
		im.readXLSX(path, f, st.Size(), &rep)
	case ".csv", ".tsv", ".txt":
		im.readCSV(path, f, ext == ".tsv", &rep)
	case ".xls", ".ods", ".numbers":
		return fail("cannot read %s files: save it as .xlsx (Excel workbook) or .csv", ext)
	default:
		return fail("cannot read %q files: give .xlsx, .csv or .tsv files", ext)
	}
	return rep
}

func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// unwrapPath drops the operation and path of an *os.PathError: problems
// already name the file.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
