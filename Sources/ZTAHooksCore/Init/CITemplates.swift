/// The CI files `ztahooks init --ci` writes: the ones in `examples/ci/`, carried in the binary
/// (`scripts/embed-texts` copies them; a test keeps the copies equal).
public enum CITemplates {}
