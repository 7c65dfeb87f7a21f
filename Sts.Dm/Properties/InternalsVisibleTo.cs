using System.Runtime.CompilerServices;

// The ABI offsets in Interop are checked against the C header by the tests.
[assembly: InternalsVisibleTo("Sts.Tests")]
