import { describeLibraryOnSim } from './playbook-library-sim.cases.ts';

// Every built-in playbook that applies to gcp, run through the engine against one simulator.
describeLibraryOnSim('gcp');
