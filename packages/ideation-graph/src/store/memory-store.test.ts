import { storeContract } from './__fixtures__/store-contract.js';
import { MemoryGraphStore } from './memory-store.js';

storeContract('memory', async () => new MemoryGraphStore());
