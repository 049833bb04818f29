package main

import (
	"archive/zip"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/dataset"
)

func TestRunWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "w.xlsx")
	if err := run([]string{"-rows", "50", "-table", "campaigns", "-out", out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("the workbook is not a zip file: %v", err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		if !names[want] {
			t.Errorf("the workbook has no %s", want)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestRunDataset(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	args := []string{"-dataset", dir, "-jurisdictions", "10", "-campaigns", "20", "-programmes", "20", "-surveys", "100", "-sources", "10"}
	if err := run(args, io.Discard); err != nil {
		t.Fatal(err)
	}
	ds, ps, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("load: %s", p)
	}
	if got := len(ds.Jurisdictions); got != 10 {
		t.Errorf("%d jurisdictions, want 10", got)
	}
	if got := len(ds.Surveys); got != 100 {
		t.Errorf("%d surveys, want 100", got)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		usage bool // the error is a usage error
	}{
		{"nothing to write", nil, true},
		{"both outputs", []string{"-out", filepath.Join(dir, "a.xlsx"), "-dataset", dir}, true},
		{"extra argument", []string{"-out", filepath.Join(dir, "a.xlsx"), "more"}, true},
		{"unknown flag", []string{"-colour", "red"}, true},
		{"unknown table", []string{"-out", filepath.Join(dir, "a.xlsx"), "-table", "provisions"}, false},
		{"too many jurisdictions", []string{"-dataset", dir, "-jurisdictions", "1000"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.args, io.Discard)
			if err == nil {
				t.Fatalf("run(%q) = nil, want an error", tc.args)
			}
			if got := errors.Is(err, errUsage); got != tc.usage {
				t.Errorf("run(%q) = %v: usage error %v, want %v", tc.args, err, got, tc.usage)
			}
		})
	}
	if err := run([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run(-h) = %v, want flag.ErrHelp", err)
	}
}
