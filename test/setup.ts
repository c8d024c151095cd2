import { Testing } from "../lib/core";

Testing.setupJest();
