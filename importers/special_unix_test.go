//go:build unix

package importers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// TestSpecialFiles: a device linked as a CSV file or a workbook, a FIFO and
// a file past the limit are each one problem, found at once (a FIFO with no
// writer would block the import), and a stream past the limit is refused
// by what is read, not by the size the file claims.
func TestSpecialFiles(t *testing.T) {
	dir := inDir(t)
	for _, name := range []string{"zero.csv", "zero.xlsx"} {
		if err := os.Symlink(os.DevNull, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symlinks: %v", err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "endless.csv")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	big := writeFile(t, dir, "big.csv", []byte("country,setting,status,source\n"+strings.Repeat("SE,home,yes,https://riksdagen.se\n", 100)))
	tests := []struct {
		file, code, msg string
	}{
		{"zero.csv", dataset.CodeFile, "is a character device, not a file: give a spreadsheet saved as a file"},
		{"zero.xlsx", dataset.CodeFile, "is a character device, not a file: give a spreadsheet saved as a file"},
		{"endless.csv", dataset.CodeFile, "is a character device, not a file: give a spreadsheet saved as a file"},
		{"fifo.csv", dataset.CodeFile, "is a FIFO (named pipe), not a file: give a spreadsheet saved as a file"},
		{big, CodeTooLarge, "the file is 4 KiB, larger than the limit of 1 KiB; to read it, raise max_file in settings"},
	}
	done := make(chan *Result, 1)
	go func() {
		var files []string
		for _, tt := range tests {
			files = append(files, tt.file)
		}
		res, err := Import(files, Options{MaxFileBytes: 1024, MaxFileSetting: "max_file in settings"})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the import did not end within 10 s")
	}
	if res == nil {
		return
	}
	var got, want []string
	for _, tt := range tests {
		want = append(want, tt.file+" "+tt.code+" "+tt.msg)
	}
	for _, p := range res.Problems {
		got = append(got, p.Pos.String()+" "+p.Code+" "+p.Message)
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
