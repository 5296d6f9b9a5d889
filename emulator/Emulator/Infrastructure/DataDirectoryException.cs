namespace Emulator.Infrastructure;

/// <summary>
/// A file of the data directory exists but cannot be used, or the directory itself cannot be. The message names the
/// file, says what is wrong and how to fix it; the file is left as it is.
/// </summary>
internal sealed class DataDirectoryException(string message, Exception? inner = null) : Exception(message, inner);
