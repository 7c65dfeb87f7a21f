// The run-wide set-up of Sts.Fixtures: log file, reaping of dead runs, leak check.
[assembly: Sts.Fixtures.StsTestRun]
