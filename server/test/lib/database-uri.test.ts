import { describe, expect, it } from 'vitest';
import { databaseUri } from '../helper';

describe('test databases on the run server (TEST_MONGODB_URI or the embedded one)', () => {
  it('puts the database name into the path and keeps the hosts and options', () => {
    expect(databaseUri('mongodb://127.0.0.1:27017', 'a')).toBe('mongodb://127.0.0.1:27017/a');
    expect(databaseUri('mongodb://127.0.0.1:27017/', 'a')).toBe('mongodb://127.0.0.1:27017/a');
    expect(databaseUri('mongodb://u:p@db1:27017,db2:27017/admin?replicaSet=rs0&tls=true', 'a')).toBe(
      'mongodb://u:p@db1:27017,db2:27017/a?replicaSet=rs0&tls=true',
    );
    expect(databaseUri('mongodb+srv://cluster.example/?retryWrites=true', 'a')).toBe(
      'mongodb+srv://cluster.example/a?retryWrites=true',
    );
    expect(databaseUri('mongodb://h?authSource=admin', 'a')).toBe('mongodb://h/a?authSource=admin');
  });
});
