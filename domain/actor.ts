/** Who did something; every event in Postgres carries one. */
export interface Actor {
  type: 'system' | 'tenant' | 'technician' | 'coordinator' | 'vendor' | 'scheduler' | 'admin' | 'ops';
  id: string;
}
