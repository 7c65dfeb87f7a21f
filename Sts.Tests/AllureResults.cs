using Sts.Fixtures.Allure;

// Allure results for every test of this assembly: $STS_ALLURE_RESULTS, or $STS_ARTIFACTS/allure-results.
[assembly: AllureResults]
