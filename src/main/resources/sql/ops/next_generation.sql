SELECT coalesce(max(generation), 0) + 1 FROM {schema}.generation WHERE projection = ?
