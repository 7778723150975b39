package cloud

// WaitDone blocks until the execution arn, if running here, has ended and
// been stored.
func (s *Server) WaitDone(arn string) {
	s.mu.Lock()
	l := s.live[arn]
	s.mu.Unlock()
	if l != nil {
		<-l.done
	}
}

// Crash closes the store under running executions, as a killed process
// would leave it: they are never finished.
func (s *Server) Crash() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.store.close()
	s.cancel()
}
