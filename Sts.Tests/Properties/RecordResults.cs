using Sts.Fixtures.Results;

// Every test of this assembly is recorded in the result store as it finishes (see README,
// "Reading results"); STS_RESULTS_DB names the store, STS_RESULTS_DB=off turns recording off.
[assembly: RecordResults]
