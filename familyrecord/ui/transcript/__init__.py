"""A meeting's recording and transcript: the player, the segments, background transcription."""
