// All a test assembly needs for Sts.Fixtures' run-wide set-up: log file, reaping of dead runs, leak check.
[assembly: Sts.Fixtures.StsTestRun]
