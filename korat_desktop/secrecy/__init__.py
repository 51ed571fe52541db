"""Secret letters (ลับ, ลับมาก): sealed end to end between offices and at rest (issue 10)."""
