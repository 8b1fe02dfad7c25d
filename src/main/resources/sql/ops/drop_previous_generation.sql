UPDATE {schema}.generation SET status = 'dropped', retired_at = ? WHERE projection = ? AND status = 'previous'
