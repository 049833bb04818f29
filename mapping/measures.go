package mapping

// ProgrammeMeasure is the Kind of a MeasureCount that counts parenting
// programmes; the other kinds are the campaigns.kind codes.
const ProgrammeMeasure = "programme"

// MeasureCount is how many measures of one kind one jurisdiction started in
// one year: campaigns, action plans, trainings and guidance by their kind
// (a regional campaign counts for each jurisdiction it lists), parenting
// programmes as ProgrammeMeasure. Records without a start year are not
// counted.
type MeasureCount struct {
	Jurisdiction string `json:"jurisdiction"`
	Year         int    `json:"year"`
	Kind         string `json:"kind"`
	Count        int    `json:"count"`
	// IDs lists the records counted, sorted.
	IDs []string `json:"ids"`
}
