import { useRef, useState } from 'react';

/**
 * The state of a form that sends one request at a time: `run` does the work unless a submission is
 * already on its way (a double click does nothing), marks the form busy meanwhile, and keeps the
 * error for the form to show. `pending` lets a submit handler return before preparing anything.
 */
export function useSubmission() {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const pending = () => inFlight.current;
  const run = async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, pending, run };
}
