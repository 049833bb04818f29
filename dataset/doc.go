// Package dataset owns the normalised cpmap dataset: the record types of
// every table, their vocabularies, the reduced-precision date type, source
// positions and problem lists, validation, and the Frictionless data package
// on disk (Load and Save).
//
// It is the bottom of the house: it imports nothing else of cpmap.
package dataset
