// The secrets file's layout and codec live in a small target of their own, so that the receiver
// library reads the file with the same code that writes it; the core's users see them as before.
@_exported import ZTASecretsFormat
